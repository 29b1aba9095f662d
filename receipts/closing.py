"""Daily closing (日结) of a canteen, per shift and for the day, as a PDF."""

from __future__ import annotations

import os
from dataclasses import dataclass, fields
from datetime import date, datetime

from reportlab.lib.units import mm

from vocabulary.money import format_fen

from .claim import Tally
from .pdfpage import Column, Output, PageWriter


@dataclass(frozen=True)
class ShiftTakings:
    """What one shift (or cashier session) took; every amount in fen."""

    label: str
    meals: int
    subsidised_meals: int
    sales_fen: int  # meal value before subsidies
    subsidy_fen: int
    wallet_fen: int
    cash_fen: int
    mobile_fen: int
    topup_cash_fen: int
    topup_mobile_fen: int
    voids: int
    voided_fen: int
    cash_expected_fen: int  # float + cash sales + cash top-ups
    cash_counted_fen: int | None  # None: nobody counted it (cash taken outside any shift, a shift still open)
    cash_uncounted_fen: int = 0  # of the expected cash, what no count covers (all of it when nothing was counted)

    def __post_init__(self) -> None:
        if self.cash_counted_fen is None:  # what nobody counted is uncounted, whole
            object.__setattr__(self, "cash_uncounted_fen", self.cash_expected_fen)

    @property
    def cash_difference_fen(self) -> int | None:
        """Counted minus the expected cash that was counted: negative means cash is missing; None if uncounted."""
        if self.cash_counted_fen is None:
            return None
        return self.cash_counted_fen - (self.cash_expected_fen - self.cash_uncounted_fen)


@dataclass(frozen=True)
class DailyClosing:
    """A canteen's business day: its shifts and subsidised meals by category."""

    canteen_name: str
    business_day: date
    closed_by: str
    closed_at: datetime
    shifts: tuple[ShiftTakings, ...]
    subsidised_by_category: tuple[Tally, ...] = ()
    chain_hash: str | None = None  # the ledger's hash chain at the day's end (pos/ledger/chain.py), if any

    @property
    def day_total(self) -> ShiftTakings:
        """The shifts added up: counted cash over the counted drawers only, the rest uncounted."""
        sums = {f.name: sum(getattr(s, f.name) or 0 for s in self.shifts)
                for f in fields(ShiftTakings) if f.name != "label"}
        if all(s.cash_counted_fen is None for s in self.shifts):
            sums["cash_counted_fen"] = None
        return ShiftTakings(label="全天合计", **sums)

    @property
    def rows(self) -> tuple[tuple[str, str], ...]:
        """The table's rows: uncounted cash only on a day that has some."""
        return ROWS + ((UNCOUNTED_ROW,) if self.day_total.cash_uncounted_fen else ())


ROWS: tuple[tuple[str, str], ...] = (
    ("用餐人次", "meals"), ("补贴人次", "subsidised_meals"), ("消费金额", "sales_fen"), ("补贴金额", "subsidy_fen"),
    ("钱包支付", "wallet_fen"), ("现金收款", "cash_fen"), ("移动支付", "mobile_fen"),
    ("充值(现金)", "topup_cash_fen"), ("充值(移动)", "topup_mobile_fen"), ("作废笔数", "voids"),
    ("作废金额", "voided_fen"), ("应有现金", "cash_expected_fen"), ("实点现金", "cash_counted_fen"),
    ("现金差额", "cash_difference_fen"),
)
UNCOUNTED_ROW = ("未清点现金", "cash_uncounted_fen")
UNCOUNTED = "未清点"  # in a counted-cash or difference cell: no drawer count covers this cash


def _cell(shift: ShiftTakings, attr: str) -> str:
    value = getattr(shift, attr)
    if value is None:
        return UNCOUNTED
    return format_fen(value) if attr.endswith("_fen") else str(value)


def write_daily_closing_pdf(closing: DailyClosing, out: Output, font_path: str | os.PathLike[str] | None = None) -> int:
    """Write the daily closing PDF (shifts side by side, then the day) and return its page count."""
    page = PageWriter(out, f"日结单 {closing.business_day.isoformat()}", font_path=font_path)
    page.text(f"{closing.canteen_name} 日结单", 16, "center")
    page.text(f"营业日:{closing.business_day.isoformat()}    结账人:{closing.closed_by}    "
              f"结账时间:{closing.closed_at:%Y-%m-%d %H:%M}", 10, "center")
    page.space(8)
    shifts = (*closing.shifts, closing.day_total)
    left, step = 15 * mm, min(95.0, (page.right - 15 * mm - 90) / len(shifts))
    cols = (Column("项目(金额:元)", left, 90),) + tuple(
        Column(s.label, left + 90 + i * step, step - 4, "right") for i, s in enumerate(shifts))
    page.table(cols, [(label, *(_cell(s, attr) for s in shifts)) for label, attr in closing.rows], 10)
    if closing.subsidised_by_category:
        page.space(10)
        tallies = [(t.label, str(t.meals), format_fen(t.amount_fen)) for t in closing.subsidised_by_category]
        page.table((Column("补贴类别", left, 120), Column("人次", left + 130, 60, "right"),
                    Column("金额(元)", left + 200, 80, "right")), tallies, 10)
    if closing.chain_hash:  # kept by the funder, it pins every ledger row and meal record up to the day's end
        page.space(6)
        page.text(f"链尾哈希(日终):{closing.chain_hash}", 8)
    page.space(30)
    page.text("收银员签字:__________    店长签字:__________", 11)
    return page.save()
