"""Standing orders (长期订餐: "every weekday lunch, delivered") and a resident's pauses of them.

A standing order books nothing itself: at each meal's cut-off, pos.orders.generation turns the standing
orders due that day into meal orders, skipping the days a pause covers and the meals the canteen does not
cook. Ending one (active false) stops it; the orders it already booked stay.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, CheckConstraint, Date, DateTime, ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column

from pos.canteens.models import owning_canteen
from pos.db import Base
from vocabulary import CHANNELS, MEAL_PERIODS, sql_in

ACTIVE = text("active")
EVERY_DAY = 0b1111111  # Monday is bit 0, Sunday bit 6 (date.weekday())
WEEKDAYS = 0b0011111


class StandingOrder(Base):
    """A resident's meal of one period, booked on the chosen days of the week from `starts_on` on."""

    __tablename__ = "standing_order"
    __table_args__ = (
        CheckConstraint(sql_in("meal_period", MEAL_PERIODS), name="meal_period"),
        CheckConstraint(sql_in("channel", CHANNELS), name="channel"),
        CheckConstraint(f"weekdays BETWEEN 1 AND {EVERY_DAY}", name="weekdays"),
        CheckConstraint("ends_on IS NULL OR ends_on >= starts_on", name="ends_after_start"),
        # One active standing order per resident and meal: a second would only ever be skipped as booked.
        Index("uq_standing_order_active", "resident_id", "meal_period", unique=True,
              sqlite_where=ACTIVE, postgresql_where=ACTIVE),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    canteen_id: Mapped[int] = owning_canteen()
    resident_id: Mapped[int] = mapped_column(ForeignKey("resident.id"), index=True)
    meal_period: Mapped[str] = mapped_column(String(16))
    channel: Mapped[str] = mapped_column(String(16))
    weekdays: Mapped[int]  # a bit per day of the week, Monday the lowest
    set_meal: Mapped[bool] = mapped_column(Boolean, default=True)  # the day's published set meal
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)  # the last day, or none: until ended
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    created_by_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    ended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class OrderPause(Base):
    """Days a resident's standing orders book nothing (a hospital stay, travel), `from_day` to `to_day` inclusive."""

    __tablename__ = "order_pause"
    __table_args__ = (CheckConstraint("to_day >= from_day", name="to_after_from"),
                      Index("ix_order_pause_resident_id_to_day", "resident_id", "to_day"))

    id: Mapped[int] = mapped_column(primary_key=True)
    canteen_id: Mapped[int] = owning_canteen()
    resident_id: Mapped[int] = mapped_column(ForeignKey("resident.id"))
    from_day: Mapped[date] = mapped_column(Date)
    to_day: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


def weekday_bits(days: list[int] | tuple[int, ...]) -> int:
    """The bitmask of days of the week (0 Monday … 6 Sunday)."""
    return sum(1 << d for d in set(days) if 0 <= d <= 6)


def weekday_list(bits: int) -> list[int]:
    """The days of the week (0 Monday … 6 Sunday) a bitmask holds."""
    return [d for d in range(7) if bits & (1 << d)]
