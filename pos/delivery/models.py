"""A delivery run (one rider's round of one area for one meal) and its stops, one per delivery order.

A stop's outcome is marked by the rider; "delivered" serves the order (pos.orders.serving), so the meal is paid
for exactly once, when it reached the resident.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pos.canteens.models import owning_canteen
from pos.db import Base
from vocabulary import DELIVERY_OUTCOMES, MEAL_PERIODS, sql_in


class DeliveryRun(Base):
    """The stops of one area for one meal, in the order a rider walks them."""

    __tablename__ = "delivery_run"
    __table_args__ = (
        CheckConstraint(sql_in("meal_period", MEAL_PERIODS), name="meal_period"),
        UniqueConstraint("canteen_id", "day", "meal_period", "area"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    canteen_id: Mapped[int] = owning_canteen()
    day: Mapped[date] = mapped_column(Date)
    meal_period: Mapped[str] = mapped_column(String(16))
    area: Mapped[str] = mapped_column(String(60))  # the estate or community the run covers
    rider_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"), index=True)
    dispatched_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    stops: Mapped[list[DeliveryStop]] = relationship(order_by="DeliveryStop.position")


class DeliveryStop(Base):
    """One delivery order on a run, its place in the round, and what happened there."""

    __tablename__ = "delivery_stop"
    __table_args__ = (
        CheckConstraint(f"outcome IS NULL OR {sql_in('outcome', DELIVERY_OUTCOMES)}", name="outcome"),
        CheckConstraint("(outcome IS NULL) = (outcome_at IS NULL)", name="outcome_has_time"),
        Index("ix_delivery_stop_run_id_position", "run_id", "position"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("delivery_run.id"))
    order_id: Mapped[int] = mapped_column(ForeignKey("meal_order.id"), unique=True)  # an order is on one run
    position: Mapped[int]
    outcome: Mapped[str | None] = mapped_column(String(16))
    outcome_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    marked_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
