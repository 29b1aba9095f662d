"""The claim's detail lines and adjustments as CSV, UTF-8 with BOM so Excel reads the Chinese."""

from __future__ import annotations

import csv
import io
import os
from typing import BinaryIO, Iterable

from vocabulary.money import format_fen

from .claim import DETAIL_HEADERS, ClaimDetail, SubsidyClaim, check_details, detail_cells
from .claim_feed import feed

CSV_HEADERS = DETAIL_HEADERS + ("类型", "原结算单号", "作废日期")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet would run as a formula (OWASP)
TEXT_CELLS = range(1, 7)  # receipt no., resident, category, period, rule, version: text from people and policies


def neutralised(cell: str) -> str:
    """A text cell a spreadsheet shows as text: one starting like a formula gets a leading apostrophe."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def text_safe(cells: tuple[str, ...]) -> tuple[str, ...]:
    """A detail line with its text cells neutralised; dates and amounts are ours and stay as they are."""
    return tuple(neutralised(c) if i in TEXT_CELLS else c for i, c in enumerate(cells))


class ClaimCsv:
    """The claim CSV as a sink: detail lines (类型=明细), then adjustments (调整) and a 合计 line."""

    def __init__(self, claim: SubsidyClaim, out: str | os.PathLike[str] | BinaryIO) -> None:
        self.claim, self.count = claim, 0
        raw: BinaryIO
        if isinstance(out, (str, os.PathLike)):
            self.own, raw = True, open(out, "wb")
        else:
            self.own, raw = False, out
        self.text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
        self.writer = csv.writer(self.text)
        self.writer.writerow(CSV_HEADERS)

    def add(self, d: ClaimDetail) -> None:
        """Write one detail line."""
        self.writer.writerow(text_safe(detail_cells(d)) + ("明细", "", ""))
        self.count += 1

    def finish(self) -> None:
        """Write adjustments and the 合计 line, and close (or detach from) the file."""
        for a in self.claim.adjustments:
            self.writer.writerow(text_safe(detail_cells(a)) + ("调整", neutralised(a.original_claim_no),
                                                              a.voided_on.isoformat()))
        counts = f"明细{self.count}笔 调整{len(self.claim.adjustments)}笔"
        self.writer.writerow(("合计", counts, "", "", "", "", "", format_fen(self.claim.net_fen), "应结算", "", ""))
        self._counts()
        self.abort()

    def _counts(self) -> None:
        """After the detail: the service counts (统计) and operating subsidies (运营补贴), one block of rows each."""
        c = self.claim.counts
        if c is None:
            return
        self.writer.writerow(())
        self.writer.writerow(("统计", "分组", "项目", "人次", "人数", "人天"))
        for title, lines in (("合计", ()), *c.sections()):
            for line in lines:
                self.writer.writerow(("统计", title, neutralised(line.label), line.meals, line.persons,
                                      line.diner_days))
            self.writer.writerow(("统计", title, "合计(不重复)", c.total.meals, c.total.persons, c.total.diner_days))
        if self.claim.operating:
            self.writer.writerow(("运营补贴", "项目", "单位", "统计数", "计付数", "标准(元)", "上限", "金额(元)"))
        for o in self.claim.operating:
            self.writer.writerow(("运营补贴", neutralised(o.name), o.unit, o.counted, o.paid_count,
                                  format_fen(o.rate_fen), neutralised(o.caps), format_fen(o.amount_fen)))

    def abort(self) -> None:
        """Flush and release the file; a caller's own file object stays open."""
        if self.own:
            self.text.close()
        else:
            self.text.flush()
            self.text.detach()


def write_claim_csv(claim: SubsidyClaim, details: Iterable[ClaimDetail],
                    out: str | os.PathLike[str] | BinaryIO) -> None:
    """Write the claim CSV; raises ClaimMismatch after writing if details do not sum to the summary."""
    sink = ClaimCsv(claim, out)
    count, total = feed(details, [sink])
    sink.finish()
    check_details(claim, count, total)
