"""The monthly subsidy claim as a PDF: summary, chart, streamed detail, adjustments, signatures."""

from __future__ import annotations

import os
from typing import Iterable

from reportlab.graphics import renderPDF
from reportlab.lib.units import mm

from vocabulary.money import format_fen, format_yuan

from .claim import (
    DETAIL_HEADERS,
    ClaimDetail,
    CountLine,
    SubsidyClaim,
    Tally,
    adjustment_cells,
    check_details,
    detail_cells,
)
from .claim_chart import daily_chart
from .claim_feed import feed
from .pdfpage import Column, Output, PageWriter

M = 15 * mm
DETAIL_LIMIT = 100_000  # ~1,400 pages; a canteen's month is ~10,000 lines, a city's can be 1.2 M
TALLY_COLUMNS = (Column("", M, 150), Column("人次", M + 160, 80, "right"), Column("金额(元)", M + 250, 100, "right"))
_X = (0, 52, 142, 186, 246, 278, 392, 452)
_W = (50, 88, 42, 58, 30, 112, 58, 58)
DETAIL_COLUMNS = tuple(Column(t, M + x, w, "right" if i == 7 else "left")
                       for i, (t, x, w) in enumerate(zip(DETAIL_HEADERS, _X, _W)))
_AX = (0, 52, 142, 186, 238, 266, 348, 390, 472)
_AW = (50, 88, 42, 50, 26, 80, 40, 80, 38)
_AT = DETAIL_HEADERS[:7] + ("原结算单号", "金额(元)")
ADJUSTMENT_COLUMNS = tuple(Column(t, M + x, w, "right" if i == 8 else "left")
                           for i, (t, x, w) in enumerate(zip(_AT, _AX, _AW)))


def _tallies(page: PageWriter, title: str, tallies: tuple[Tally, ...]) -> None:
    rows = [(t.label, str(t.meals), format_fen(t.amount_fen)) for t in tallies]
    rows.append(("合计", str(sum(int(r[1]) for r in rows)),
                 format_fen(sum(t.amount_fen for t in tallies))))
    page.space(4)
    page.table((Column(title, M, 150),) + TALLY_COLUMNS[1:], rows)


def _summary(page: PageWriter, c: SubsidyClaim) -> None:
    page.text(f"{c.canteen_name} 补贴结算单", 16, "center")
    page.text(f"结算对象:{c.funder}    结算单号:{c.claim_no}", 10, "center")
    page.text(f"结算期间:{c.period_label}    制表日期:{c.issued_on.isoformat()}", 10, "center")
    page.space(6)
    page.text(f"用餐总人次:{c.meals}    补贴人次:{c.subsidised_meals}    补贴金额:{format_yuan(c.subsidy_fen)}", 11)
    page.text(f"调整金额:{format_yuan(c.adjustments_fen)}    本期应结算金额:{format_yuan(c.net_fen)}", 11)
    for title, tallies in (("按类别", c.by_category), ("按年龄段", c.by_age_band),
                           ("按餐次", c.by_meal_period), ("按渠道", c.by_channel)):
        _tallies(page, title, tallies)


COUNT_COLUMNS = (Column("人次", M + 160, 70, "right"), Column("人数", M + 240, 70, "right"),
                 Column("人天", M + 320, 70, "right"))
OPERATING_COLUMNS = (Column("项目", M, 110), Column("计算基数", M + 115, 170), Column("上限", M + 290, 140),
                     Column("金额(元)", M + 430, 80, "right"))


def _count_rows(lines: tuple[CountLine, ...], total: CountLine) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = [(c.label, str(c.meals), str(c.persons), str(c.diner_days)) for c in lines]
    return rows + [("合计(不重复)", str(total.meals), str(total.persons), str(total.diner_days))]


def _counts(page: PageWriter, c: SubsidyClaim) -> None:
    """Meals, persons and diner-days from the service records, then the operating subsidy lines."""
    counts = c.counts
    if counts is None:
        return
    page.new_page()
    page.text("服务人次统计(来自服务记录)", 12)
    t = counts.total
    page.text(f"用餐人次:{t.meals}    服务人数:{t.persons}    服务人天:{t.diner_days}    "
              f"其中散客人次:{counts.walk_in_meals}", 11)
    for title, lines in counts.sections():
        page.space(4)
        page.table((Column(title, M, 150),) + COUNT_COLUMNS, _count_rows(lines, t))
    page.space(4)
    for line in counts.note:
        page.text(line, 8)
    _operating(page, c)


def _operating(page: PageWriter, c: SubsidyClaim) -> None:
    if not c.operating:
        return
    page.space(8)
    page.text("运营补贴(按人天/人次付给餐厅,另行结算,不含在上述餐费补贴内)", 12)
    rows = [(o.name, o.basis, o.caps or "无", format_fen(o.amount_fen)) for o in c.operating]
    page.table(OPERATING_COLUMNS, rows)
    page.text(f"运营补贴合计:{format_yuan(c.operating_fen)}", 11)


def _daily(page: PageWriter, c: SubsidyClaim) -> None:
    page.new_page()
    page.text("每日汇总", 12)
    chart = daily_chart(c.daily, page.font, page.right - M, 150)
    page.ensure(160)
    page.y -= 155
    renderPDF.draw(chart, page.canvas, M, page.y)
    rows = [(d.day.isoformat(), str(d.meals), format_fen(d.amount_fen)) for d in c.daily]
    page.table((Column("日期", M, 150),) + TALLY_COLUMNS[1:], rows)


def _adjustments(page: PageWriter, c: SubsidyClaim) -> None:
    page.space(10)
    page.text("调整(前期已结算后作废的消费,冲减本期)", 12)
    rows = [cells[:7] + (cells[8], cells[7]) for cells in map(adjustment_cells, c.adjustments)]
    page.table(ADJUSTMENT_COLUMNS, rows, 7.5)
    page.text(f"调整合计:{len(c.adjustments)} 笔    金额:{format_yuan(c.adjustments_fen)}", 10)


def _signatures(page: PageWriter, c: SubsidyClaim) -> None:
    page.space(10)
    page.text(f"本期应结算金额:{format_yuan(c.net_fen)}", 12)
    if c.chain_hash:  # what the funder keeps: it pins every ledger row and meal record up to the month's end
        page.text(f"月末链尾哈希:{c.chain_hash}", 8)
    page.ensure(80)
    page.space(20)
    page.text(f"制表人:{c.prepared_by or '__________'}        审核人:__________", 11)
    page.space(20)
    page.text("单位盖章:", 11)
    page.space(20)
    page.text("日期:      年    月    日", 11)


class ClaimPdf:
    """The claim PDF as a sink: summary pages on creation, then each detail line, then finish()."""

    def __init__(self, claim: SubsidyClaim, out: Output, detail_limit: int = DETAIL_LIMIT,
                 font_path: str | os.PathLike[str] | None = None) -> None:
        self.claim, self.limit, self.total = claim, detail_limit, 0
        self.page = PageWriter(out, f"补贴结算单 {claim.claim_no}", font_path=font_path)
        _summary(self.page, claim)
        _counts(self.page, claim)
        _daily(self.page, claim)
        self.page.new_page()
        self.page.text("补贴明细", 12)
        self.table = self.page.stream_table(DETAIL_COLUMNS, limit=detail_limit)

    def add(self, d: ClaimDetail) -> None:
        """Add one detail line (past the limit it is only counted)."""
        self.total += d.amount_fen
        self.table.add(detail_cells(d) if self.table.count < self.limit else ())

    def finish(self) -> int:
        """Write the detail total, adjustments and signatures; save and return the page count."""
        count, page, limit = self.table.close(), self.page, self.limit
        if count > limit > 0:
            page.text(f"以上列出前 {limit} 笔;全部 {count} 笔逐笔明细见同一结算单的 XLSX / CSV 文件。", 10)
        elif count > limit:
            page.text(f"逐笔明细共 {count} 笔,见同一结算单的 XLSX / CSV 文件。", 10)
        page.text(f"明细合计:{count} 笔    金额:{format_yuan(self.total)}", 10)
        _adjustments(page, self.claim)
        _signatures(page, self.claim)
        return page.save()

    def abort(self) -> None:
        """Nothing to release: reportlab writes the file only when it saves."""


def write_claim_pdf(claim: SubsidyClaim, details: Iterable[ClaimDetail], out: Output, *,
                    detail_limit: int = DETAIL_LIMIT, font_path: str | os.PathLike[str] | None = None) -> int:
    """Write the claim PDF to out (path or binary file) and return its page count.

    At most detail_limit lines are drawn (0: none); all are counted and checked against the
    summary. reportlab keeps every page in memory until it saves (~40 KB per detail page).
    """
    sink = ClaimPdf(claim, out, detail_limit, font_path)
    count, total = feed(details, [sink])
    pages = sink.finish()
    check_details(claim, count, total)
    return pages
