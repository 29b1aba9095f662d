"""A resident's monthly wallet statement in large type for older readers."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum

from reportlab.lib.units import mm

from vocabulary.money import format_fen, format_yuan

from .pdfpage import Column, Output, PageWriter


class EntryKind(Enum):
    """What moved the wallet."""

    TOPUP = "充值"
    MEAL = "用餐"
    REFUND = "退款"


@dataclass(frozen=True)
class StatementEntry:
    """One wallet movement; amount_fen is signed (+ in, - out)."""

    when: datetime
    kind: EntryKind
    description: str
    amount_fen: int
    balance_after_fen: int
    meal_price_fen: int = 0  # for meals: the price before subsidies
    subsidy_fen: int = 0  # for meals: what the funders paid


@dataclass(frozen=True)
class ResidentStatement:
    """A month of one resident's wallet."""

    canteen_name: str
    resident_name: str  # masked by the caller
    resident_id: str  # masked by the caller
    period_start: date
    period_end: date
    opening_balance_fen: int
    entries: tuple[StatementEntry, ...]
    closing_balance_fen: int

    def __post_init__(self) -> None:
        if self.opening_balance_fen + sum(e.amount_fen for e in self.entries) != self.closing_balance_fen:
            raise ValueError("statement does not balance: opening + entries != closing")

    def total(self, kind: EntryKind, attr: str = "amount_fen") -> int:
        """Sum of attr over entries of one kind."""
        return sum(getattr(e, attr) for e in self.entries if e.kind is kind)


def write_resident_statement_pdf(st: ResidentStatement, out: Output,
                                 font_path: str | os.PathLike[str] | None = None) -> int:
    """Write the statement PDF in large type and return its page count."""
    page = PageWriter(out, f"{st.resident_name} 对账单", font_path=font_path)
    page.text(f"{st.canteen_name}", 18, "center")
    page.text(f"助餐账户月度对账单  {st.period_start:%Y年%m月}", 16, "center")
    page.space(6)
    page.text(f"姓名:{st.resident_name}    证件号:{st.resident_id}", 14)
    page.text(f"期间:{st.period_start.isoformat()} 至 {st.period_end.isoformat()}", 14)
    page.space(6)
    meals = [e for e in st.entries if e.kind is EntryKind.MEAL]
    for label, fen in (("上月结余", st.opening_balance_fen), ("本月充值", st.total(EntryKind.TOPUP)),
                       (f"本月用餐 {len(meals)} 次,自付", -st.total(EntryKind.MEAL)),
                       ("政府补贴(不从余额扣)", st.total(EntryKind.MEAL, "subsidy_fen")),
                       ("退款", st.total(EntryKind.REFUND)), ("本月结余", st.closing_balance_fen)):
        page.text(f"{label}:{format_yuan(fen)}", 16)
    page.space(10)
    m = 15 * mm
    cols = (Column("日期", m, 85), Column("项目", m + 90, 200), Column("补贴", m + 295, 60, "right"),
            Column("金额", m + 360, 70, "right"), Column("余额", m + 435, 75, "right"))
    rows = [(f"{e.when:%m-%d %H:%M}", f"{e.kind.value} {e.description}",
             format_fen(e.subsidy_fen) if e.subsidy_fen else "", format_fen(e.amount_fen),
             format_fen(e.balance_after_fen)) for e in st.entries]
    page.table(cols, rows, 13)
    page.space(10)
    page.text("如有疑问请到餐厅服务台或拨打社区电话咨询。", 12)
    return page.save()
