"""Business records of wallet money; each points at its ledger transaction."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, Index, String, func, text
from sqlalchemy.orm import Mapped, mapped_column

from pos.clock import utc_now
from pos.db import Base

METHOD_CHECK = "method IN ('cash', 'bank', 'wechat', 'alipay')"


class Posted:
    """The ledger transaction a record wrote, who did it and when."""

    transaction_id: Mapped[int] = mapped_column(ForeignKey("ledger_transaction.id"), unique=True)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now, server_default=func.now())


class TopUp(Posted, Base):
    """Money a resident (or family) paid into the wallet."""

    __tablename__ = "top_up"
    __table_args__ = (CheckConstraint("amount_fen > 0", name="amount_positive"),
                      CheckConstraint(METHOD_CHECK, name="method"),
                      # One payment (its method's own number) is recorded once, even keyed at two desks at once.
                      Index("uq_top_up_method_reference", "method", "reference", unique=True,
                            sqlite_where=text("reference <> ''"), postgresql_where=text("reference <> ''")))

    id: Mapped[int] = mapped_column(primary_key=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("resident.id"), index=True)
    amount_fen: Mapped[int]
    method: Mapped[str] = mapped_column(String(16))
    # The payment's own number (WeChat Pay / Alipay transaction, bank transfer); empty for cash.
    reference: Mapped[str] = mapped_column(String(64), default="", server_default="")


def topup_number(topup_id: int) -> str:
    """Top-ups have no daily counter: their receipt number is their id."""
    return f"CZ{topup_id:08d}"


def correction_number(correction_id: int) -> str:
    """A top-up correction's slip number (GZ: 更正)."""
    return f"GZ{correction_id:08d}"


def refund_number(refund_id: int) -> str:
    """A leaver's refund's slip number (TK: 退款)."""
    return f"TK{refund_id:08d}"


class TopUpCorrection(Posted, Base):
    """A wrong top-up put right by a compensating transaction."""

    __tablename__ = "top_up_correction"
    __table_args__ = (CheckConstraint("correct_amount_fen >= 0", name="amount_not_negative"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    top_up_id: Mapped[int] = mapped_column(ForeignKey("top_up.id"), unique=True)
    correct_amount_fen: Mapped[int]
    reason: Mapped[str] = mapped_column(String(200))


class BalanceRefund(Posted, Base):
    """The balance paid back to a resident who leaves."""

    __tablename__ = "balance_refund"
    __table_args__ = (CheckConstraint("amount_fen > 0", name="amount_positive"),
                      CheckConstraint(METHOD_CHECK, name="method"))

    id: Mapped[int] = mapped_column(primary_key=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("resident.id"), index=True)
    amount_fen: Mapped[int]
    method: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(String(200))
