"""A sale, its lines, its subsidy lines, its void, and the receipt counter.

A sale row records everything needed to reproduce its statement months later:
prices at the time, the policy version, and which rule and funder paid what.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pos.db import Base
from vocabulary import CHANNELS, MEAL_PERIODS, SALE_METHODS, sql_in


class Sale(Base):
    """One settled meal."""

    __tablename__ = "sale"
    __table_args__ = (
        UniqueConstraint("canteen_id", "business_date", "seq"),
        CheckConstraint("total_fen >= 0 AND subsidy_fen >= 0 AND paid_fen >= 0", name="amounts_not_negative"),
        CheckConstraint("total_fen = subsidy_fen + paid_fen", name="amounts_add_up"),
        CheckConstraint(sql_in("meal_period", MEAL_PERIODS), name="meal_period"),
        CheckConstraint(sql_in("channel", CHANNELS), name="channel"),
        CheckConstraint(sql_in("payment_method", SALE_METHODS), name="payment_method"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    canteen_id: Mapped[int] = mapped_column(ForeignKey("canteen.id"))
    business_date: Mapped[date] = mapped_column(Date, index=True)
    seq: Mapped[int]
    receipt_no: Mapped[str] = mapped_column(String(20))
    sold_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    meal_period: Mapped[str] = mapped_column(String(16))
    channel: Mapped[str] = mapped_column(String(16))
    terminal_id: Mapped[int | None] = mapped_column(ForeignKey("terminal.id"))
    cashier_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    resident_id: Mapped[int | None] = mapped_column(ForeignKey("resident.id"), index=True)
    # How the resident was identified, an Identified word: card, qr, qr_static, resident_id, identity_check,
    # walk_in. For identity_check the ref is the id of the cashier who checked the ID card.
    credential_kind: Mapped[str] = mapped_column(String(16))
    credential_ref: Mapped[str] = mapped_column(String(40), default="")
    # Who collected the meal for the resident (代领), as the cashier typed the name; none: the resident came.
    proxy_name: Mapped[str | None] = mapped_column(String(40))
    policy_id: Mapped[str | None] = mapped_column(String(40))
    policy_version: Mapped[str | None] = mapped_column(String(40))
    total_fen: Mapped[int]
    subsidy_fen: Mapped[int]
    paid_fen: Mapped[int]
    payment_method: Mapped[str] = mapped_column(String(16))
    transaction_id: Mapped[int] = mapped_column(ForeignKey("ledger_transaction.id"), unique=True)

    lines: Mapped[list[SaleLine]] = relationship(order_by="SaleLine.id")
    subsidies: Mapped[list[SaleSubsidy]] = relationship(order_by="SaleSubsidy.id")
    void: Mapped[SaleVoid | None] = relationship(uselist=False)


class SaleLine(Base):
    """A dish on a sale, at the price of the day."""

    __tablename__ = "sale_line"
    __table_args__ = (CheckConstraint("qty > 0 AND unit_price_fen >= 0 AND amount_fen = qty * unit_price_fen",
                                      name="amount"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sale_id: Mapped[int] = mapped_column(ForeignKey("sale.id"), index=True)
    dish_id: Mapped[int] = mapped_column(ForeignKey("dish.id"))
    name: Mapped[str] = mapped_column(String(60))
    qty: Mapped[int]
    unit_price_fen: Mapped[int]
    amount_fen: Mapped[int]


class SaleSubsidy(Base):
    """One funder's subsidy under one rule of one policy version."""

    __tablename__ = "sale_subsidy"
    __table_args__ = (CheckConstraint("amount_fen > 0", name="amount_positive"),
                      Index("ix_sale_subsidy_funder_business_date", "funder", "business_date"))

    id: Mapped[int] = mapped_column(primary_key=True)
    sale_id: Mapped[int] = mapped_column(ForeignKey("sale.id"), index=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("resident.id"))
    business_date: Mapped[date] = mapped_column(Date)
    meal_period: Mapped[str] = mapped_column(String(16))
    policy_id: Mapped[str] = mapped_column(String(40))
    policy_version: Mapped[str] = mapped_column(String(40))
    rule_group: Mapped[str] = mapped_column(String(40))
    rule_id: Mapped[str] = mapped_column(String(60))
    funder: Mapped[str] = mapped_column(String(40))
    applies_to: Mapped[str] = mapped_column(String(16))
    amount_fen: Mapped[int]
    reason_zh: Mapped[str] = mapped_column(String(300))
    reason_en: Mapped[str] = mapped_column(String(300))


class SaleVoid(Base):
    """A voided sale: reason, who, and the transaction that reverses it."""

    __tablename__ = "sale_void"

    id: Mapped[int] = mapped_column(primary_key=True)
    sale_id: Mapped[int] = mapped_column(ForeignKey("sale.id"), unique=True)
    reason: Mapped[str] = mapped_column(String(200))
    voided_by: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    voided_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    transaction_id: Mapped[int] = mapped_column(ForeignKey("ledger_transaction.id"), unique=True)


class ReceiptCounter(Base):
    """The last receipt number given per canteen per day; taken inside the sale's transaction, so no gaps."""

    __tablename__ = "receipt_counter"

    canteen_id: Mapped[int] = mapped_column(ForeignKey("canteen.id"), primary_key=True)
    business_date: Mapped[date] = mapped_column(Date, primary_key=True)
    last_seq: Mapped[int] = mapped_column(default=0)
