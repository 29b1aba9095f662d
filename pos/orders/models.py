"""A meal order (预约订餐) and its dishes.

An order moves no money: it is a promise to cook. When the meal is served, a sale is settled (with the
order as its idempotency key) and the order points at it, so a served order has exactly one sale.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, CheckConstraint, Date, DateTime, ForeignKey, Index, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pos.canteens.models import owning_canteen
from pos.db import Base
from vocabulary import CHANNELS, MEAL_PERIODS, ORDER_STATUSES, OrderStatus, sql_in

LIVE = text(f"status = '{OrderStatus.BOOKED.value}'")


class MealOrder(Base):
    """One resident's meal of one day and meal period, booked ahead."""

    __tablename__ = "meal_order"
    __table_args__ = (
        CheckConstraint(sql_in("meal_period", MEAL_PERIODS), name="meal_period"),
        CheckConstraint(sql_in("channel", CHANNELS), name="channel"),
        CheckConstraint(sql_in("status", ORDER_STATUSES), name="status"),
        CheckConstraint("(status = 'served') = (sale_id IS NOT NULL)", name="served_has_sale"),
        Index("ix_meal_order_canteen_id_day_meal_period", "canteen_id", "day", "meal_period"),
        # One live order per resident and meal: a second booking (two staff on the phone at once) is refused
        # by the database itself; cancelled and served ones stay as history.
        Index("uq_meal_order_live", "resident_id", "day", "meal_period", unique=True,
              sqlite_where=LIVE, postgresql_where=LIVE),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    canteen_id: Mapped[int] = owning_canteen()
    resident_id: Mapped[int] = mapped_column(ForeignKey("resident.id"), index=True)
    day: Mapped[date] = mapped_column(Date)
    meal_period: Mapped[str] = mapped_column(String(16))
    channel: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), default=OrderStatus.BOOKED.value)
    set_meal: Mapped[bool] = mapped_column(Boolean, default=False)  # "the set meal": the day's published dishes
    booked_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # Who booked: a member of staff (a phone booking), the resident themselves, or a family member linked to them.
    booked_by_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    booked_by_resident_id: Mapped[int | None] = mapped_column(ForeignKey("resident.id"))
    booked_by_family_member_id: Mapped[int | None] = mapped_column(ForeignKey("family_member.id"))
    cancelled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    sale_id: Mapped[int | None] = mapped_column(ForeignKey("sale.id"), unique=True)
    # Booked by a standing order at the cut-off (pos.orders.generation): no staff member nor resident booked it.
    standing_order_id: Mapped[int | None] = mapped_column(ForeignKey("standing_order.id"))

    lines: Mapped[list[MealOrderLine]] = relationship(order_by="MealOrderLine.id")


class MealOrderLine(Base):
    """A dish of an order and how many portions."""

    __tablename__ = "meal_order_line"
    __table_args__ = (CheckConstraint("qty > 0", name="qty_positive"), UniqueConstraint("order_id", "dish_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("meal_order.id"))
    dish_id: Mapped[int] = mapped_column(ForeignKey("dish.id"))
    qty: Mapped[int]
