"""The monthly subsidy claim as XLSX: summary with SUM formulas, streamed detail sheets."""

from __future__ import annotations

import os
from typing import BinaryIO, Iterable

from .claim import ADJUSTMENT_HEADERS, DETAIL_HEADERS, ClaimAdjustment, ClaimDetail, SubsidyClaim, check_details
from .claim_feed import feed
from .xlsx_stream import Bold, Cell, Formula, SheetWriter, XlsxWriter, Yuan, sheet_ref

SHEET_ROWS = 1_000_000  # Excel stops at 1,048,576 rows; a city-wide month spills onto more sheets
AMOUNT_COL = "H"
WIDTHS = (12, 20, 10, 12, 8, 18, 10, 12, 20, 12)


def _open_detail_sheet(book: XlsxWriter, title: str, headers: tuple[str, ...]) -> SheetWriter:
    sheet = book.add_sheet(title, WIDTHS, freeze_header=True)
    sheet.row([Bold(h) for h in headers])
    return sheet


def _cells(d: ClaimDetail | ClaimAdjustment) -> list[Cell]:
    return [d.day, d.receipt_no, d.resident, d.category, d.meal_period, d.rule, d.policy_version, Yuan(d.amount_fen)]


def _close_sheet(sheet: SheetWriter) -> str:
    """Append the SUM row, close the sheet and return a reference to its total cell."""
    rows = sheet.rows - 1
    total = Formula(f"SUM({AMOUNT_COL}2:{AMOUNT_COL}{rows + 1})" if rows else "0", yuan=True)
    n = sheet.row([Bold("合计"), f"{rows} 笔", None, None, None, None, None, total])
    sheet.close()
    return sheet_ref(sheet.title, f"{AMOUNT_COL}{n}")


def _write_adjustments(book: XlsxWriter, claim: SubsidyClaim) -> str:
    sheet = _open_detail_sheet(book, "调整", ADJUSTMENT_HEADERS)
    for a in claim.adjustments:
        sheet.row(_cells(a) + [a.original_claim_no, a.voided_on])
    return _close_sheet(sheet)


def _tally_block(sheet: SheetWriter, title: str, tallies: Iterable[tuple[Cell, int, int]]) -> None:
    """Append a titled tally table with its SUM row and a blank row."""
    first = sheet.row([Bold(title), Bold("人次"), Bold("金额(元)")]) + 1
    for label, meals, fen in tallies:
        last = sheet.row([label, meals, Yuan(fen)])
    sums: list[Cell]
    if sheet.rows >= first:
        sums = [Formula(f"SUM(B{first}:B{last})"), Formula(f"SUM(C{first}:C{last})", yuan=True)]
    else:
        sums = [0, Yuan(0)]
    sheet.row([Bold("合计"), *sums])
    sheet.row([])


def _write_counts(book: XlsxWriter, c: SubsidyClaim) -> None:
    """The 服务统计 sheet: the service records' counts beside the money, then the operating subsidy lines."""
    if c.counts is None:
        return
    sheet = book.add_sheet("服务统计", (20, 12, 12, 12, 30, 14))
    t = c.counts.total
    sheet.row([Bold("服务人次统计(来自服务记录)")])
    for label, value in (("用餐人次", t.meals), ("服务人数", t.persons), ("服务人天", t.diner_days),
                         ("其中散客人次", c.counts.walk_in_meals)):
        sheet.row([label, value])
    sheet.row([])
    for title, lines in c.counts.sections():
        sheet.row([Bold(title), Bold("人次"), Bold("人数"), Bold("人天")])
        for line in lines:
            sheet.row([line.label, line.meals, line.persons, line.diner_days])
        sheet.row([Bold("合计(不重复)"), t.meals, t.persons, t.diner_days])
        sheet.row([])
    for note in c.counts.note:
        sheet.row([note])
    if c.operating:
        sheet.row([])
        sheet.row([Bold(h) for h in ("运营补贴", "统计数", "计付数", "标准(元)", "上限", "金额(元)")])
        for o in c.operating:
            sheet.row([f"{o.name}({o.unit})", o.counted, o.paid_count, Yuan(o.rate_fen), o.caps or "无",
                       Yuan(o.amount_fen)])
        sheet.row([Bold("合计"), None, None, None, None, Yuan(c.operating_fen)])
    sheet.close()


def _write_summary(sheet: SheetWriter, c: SubsidyClaim, detail_refs: list[str], adjust_ref: str) -> None:
    lines: list[list[Cell]] = [
        [Bold(f"{c.canteen_name} 补贴结算单")], ["结算对象", c.funder], ["结算单号", c.claim_no],
        ["结算期间", c.period_label], ["制表日期", c.issued_on], ["用餐总人次", c.meals],
        ["补贴人次", c.subsidised_meals], ["补贴金额(明细合计)", Formula("+".join(detail_refs), yuan=True)],
        ["调整金额", Formula(adjust_ref, yuan=True)], ["本期应结算金额", Formula("B8+B9", yuan=True)], []]
    for line in lines:
        sheet.row(line)
    for title, tallies in (("按类别", c.by_category), ("按年龄段", c.by_age_band),
                           ("按餐次", c.by_meal_period), ("按渠道", c.by_channel)):
        _tally_block(sheet, title, ((t.label, t.meals, t.amount_fen) for t in tallies))
    _tally_block(sheet, "日期", ((d.day, d.meals, d.amount_fen) for d in c.daily))
    sheet.row(["制表人", c.prepared_by, "审核人", "", "单位盖章", "", "日期", ""])
    sheet.close()


class ClaimXlsx:
    """The claim workbook as a sink: detail sheets stream as lines are added; finish() adds the rest."""

    def __init__(self, claim: SubsidyClaim, out: str | os.PathLike[str] | BinaryIO) -> None:
        self.claim, self.book = claim, XlsxWriter(out)
        self.summary = self.book.add_sheet("汇总", (20, 12, 14))  # first tab, written last: it refers to the others
        self.sheet = _open_detail_sheet(self.book, "明细1", DETAIL_HEADERS)
        self.totals: list[str] = []

    def add(self, d: ClaimDetail) -> None:
        """Add one detail line, starting a new sheet when this one is full."""
        if self.sheet.rows > SHEET_ROWS:
            self.totals.append(_close_sheet(self.sheet))
            self.sheet = _open_detail_sheet(self.book, f"明细{len(self.totals) + 1}", DETAIL_HEADERS)
        self.sheet.row(_cells(d))

    def finish(self) -> None:
        """Close the detail sheets, write adjustments and summary, and close the file."""
        try:
            self.totals.append(_close_sheet(self.sheet))
            adjust_ref = _write_adjustments(self.book, self.claim)
            _write_counts(self.book, self.claim)
            _write_summary(self.summary, self.claim, self.totals, adjust_ref)
        except BaseException:
            self.abort()
            raise
        self.book.close()

    def abort(self) -> None:
        """Close the half-written file (to be discarded), e.g. when the detail source failed."""
        self.book.abort()


def write_claim_xlsx(claim: SubsidyClaim, details: Iterable[ClaimDetail],
                     out: str | os.PathLike[str] | BinaryIO) -> None:
    """Write the claim workbook: 汇总 (formulas), 明细1.. (streamed, header frozen), 调整.

    Raises ClaimMismatch after writing if the details do not sum to the summary; discard the file then.
    """
    sink = ClaimXlsx(claim, out)
    count, total = feed(details, [sink])
    sink.finish()
    check_details(claim, count, total)
