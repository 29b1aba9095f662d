"""Dishes the canteen sells, and their prices, each in force from a day on."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, CheckConstraint, Date, DateTime, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from pos.canteens.models import owning_canteen
from pos.clock import utc_now
from pos.db import Base


class Dish(Base):
    """A dish; its price on a day is in `dish_price` (pos.dishes.prices), and a sale copies it."""

    __tablename__ = "dish"
    __table_args__ = (UniqueConstraint("canteen_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    canteen_id: Mapped[int] = owning_canteen()
    code: Mapped[str] = mapped_column(String(40))  # unique within the canteen
    name: Mapped[str] = mapped_column(String(60))
    name_en: Mapped[str] = mapped_column(String(80), default="")
    category: Mapped[str] = mapped_column(String(24), default="")
    is_delivery_fee: Mapped[bool] = mapped_column(default=False)
    active: Mapped[bool] = mapped_column(default=True)  # on sale: offered at the counter and planned
    # Menu-planning attributes (food group, grain, allergens, nutrition...) as menu.catalog reads them.
    attributes: Mapped[dict] = mapped_column(JSON, default=dict)
    # The name's pinyin initials (红烧肉 -> hsr), so the catalog can be searched the way cashiers type.
    initials: Mapped[str] = mapped_column(String(60), default="")


class DishPrice(Base):
    """A dish's price from a day on (the canteen's day): in force until a later day's price begins.

    Rows are never changed: a new price is a new row, so the history stays. Of two rows for the same day the
    one set last is in force.
    """

    __tablename__ = "dish_price"
    __table_args__ = (CheckConstraint("price_fen >= 0", name="price_not_negative"),
                      Index("ix_dish_price_dish_id_effective_from", "dish_id", "effective_from"))

    id: Mapped[int] = mapped_column(primary_key=True)
    dish_id: Mapped[int] = mapped_column(ForeignKey("dish.id"))
    price_fen: Mapped[int]
    effective_from: Mapped[date] = mapped_column(Date)
    set_by: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))  # None: the system (demo, upgrade)
    set_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
