"""A week's menu: a plan of dishes per day, meal period and slot; published menus drive the counter."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, CheckConstraint, Date, DateTime, ForeignKey, String, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column

from pos.canteens.models import owning_canteen
from pos.clock import utc_now
from pos.db import Base
from vocabulary import MEAL_PERIODS, sql_in


class MenuWeek(Base):
    """One ISO week's menu, draft until published."""

    __tablename__ = "menu_week"
    __table_args__ = (CheckConstraint("status IN ('draft', 'published')", name="status"),
                      UniqueConstraint("canteen_id", "week"))

    id: Mapped[int] = mapped_column(primary_key=True)
    canteen_id: Mapped[int] = owning_canteen()
    week: Mapped[str] = mapped_column(String(8))  # ISO week, e.g. 2026-W49; one menu a week per canteen
    monday: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default="draft")
    planned_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # What the planner said: optimal or the gap, shortfalls, time taken.
    report: Mapped[dict] = mapped_column(JSON, default=dict)


class MenuSlot(Base):
    """One dish on one day, in one meal period and slot of the meal template."""

    __tablename__ = "menu_slot"
    __table_args__ = (UniqueConstraint("week_id", "day", "meal_period", "slot"),
                      CheckConstraint(sql_in("meal_period", MEAL_PERIODS), name="meal_period"))

    id: Mapped[int] = mapped_column(primary_key=True)
    week_id: Mapped[int] = mapped_column(ForeignKey("menu_week.id"), index=True)
    day: Mapped[date] = mapped_column(Date)
    meal_period: Mapped[str] = mapped_column(String(16))
    slot: Mapped[str] = mapped_column(String(24))  # e.g. meat, half_meat, vegetable, staple, soup
    dish_id: Mapped[int] = mapped_column(ForeignKey("dish.id"))
    pinned: Mapped[bool] = mapped_column(default=False)


class MenuRules(Base):
    """The canteen's planning rules as the manager set them: one row, none until first saved (the defaults).

    `settings` is the document pos.menus.rule_form checks on every save: whole numbers, flags,
    allergen names, and food-cost budgets in integer fen.
    """

    __tablename__ = "menu_rules"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    settings: Mapped[dict] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now, server_default=func.now())
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
