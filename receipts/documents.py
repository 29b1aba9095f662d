"""Plain data for receipts: everything already computed by the caller, in integer fen."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum


class Paper(Enum):
    """Thermal paper rolls: width in mm, printable width in mm, Latin columns of font A."""

    MM58 = (58, 48, 32)
    MM80 = (80, 72, 48)

    @property
    def width_mm(self) -> int:
        return self.value[0]

    @property
    def printable_mm(self) -> int:
        return self.value[1]

    @property
    def columns(self) -> int:
        return self.value[2]


@dataclass(frozen=True)
class ReceiptLine:
    """One dish or set meal sold."""

    name: str
    qty: int
    unit_price_fen: int
    amount_fen: int


@dataclass(frozen=True)
class SubsidyLine:
    """One subsidy applied to the sale, with the funder that pays it."""

    funder: str
    rule: str
    amount_fen: int


@dataclass(frozen=True)
class SaleReceipt:
    """A meal sale as printed for the resident."""

    canteen_name: str
    printed_at: datetime
    receipt_no: str
    cashier: str
    meal_period: str
    lines: tuple[ReceiptLine, ...]
    total_fen: int
    subsidies: tuple[SubsidyLine, ...] = ()
    paid_from_wallet_fen: int = 0
    cash_paid_fen: int = 0
    mobile_paid_fen: int = 0
    resident_name: str | None = None  # already masked by the caller, e.g. "张*华"
    resident_id: str | None = None  # already masked, e.g. "**************1234"
    collected_by: str | None = None  # who collected the meal for the resident (代领), as the cashier typed it
    balance_after_fen: int | None = None
    verify_url: str | None = None
    footer: str = ""  # the canteen's own line at the bottom, e.g. "谢谢惠顾"

    def __post_init__(self) -> None:
        # A receipt that does not add up must never reach the printer.
        if sum(line.amount_fen for line in self.lines) != self.total_fen:
            raise ValueError(f"receipt {self.receipt_no}: lines do not sum to total_fen")
        paid = (sum(s.amount_fen for s in self.subsidies) + self.paid_from_wallet_fen
                + self.cash_paid_fen + self.mobile_paid_fen)
        if paid != self.total_fen:
            raise ValueError(f"receipt {self.receipt_no}: subsidies and payments {paid} != total {self.total_fen}")


@dataclass(frozen=True)
class WalletSlip:
    """Money put right in a wallet, as printed for the resident: a top-up's correction or a leaver's refund.
    `rows` are (label, text) lines after the resident's (amounts already as yuan text)."""

    canteen_name: str
    printed_at: datetime
    receipt_no: str
    cashier: str
    kind: str  # e.g. "充值更正", "余额退款"
    resident_name: str
    resident_id: str
    rows: tuple[tuple[str, str], ...]
    balance_after_fen: int
    footer: str = ""


@dataclass(frozen=True)
class TopUpReceipt:
    """A wallet top-up as printed for the resident or family."""

    canteen_name: str
    printed_at: datetime
    receipt_no: str
    cashier: str
    resident_name: str
    resident_id: str
    amount_fen: int
    method: str  # e.g. "现金", "微信"
    balance_after_fen: int
    verify_url: str | None = None
    footer: str = ""
    reference: str = ""  # the payment's own number (WeChat Pay, Alipay, bank); empty for cash

    def __post_init__(self) -> None:
        if self.amount_fen <= 0:
            raise ValueError(f"top-up {self.receipt_no}: amount must be positive")
