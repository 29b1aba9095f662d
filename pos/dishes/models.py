"""Dishes the canteen sells."""
from __future__ import annotations

from sqlalchemy import JSON, CheckConstraint, String
from sqlalchemy.orm import Mapped, mapped_column

from pos.db import Base


class Dish(Base):
    """A dish with its current price; sales copy the price at the time."""

    __tablename__ = "dish"
    __table_args__ = (CheckConstraint("price_fen >= 0", name="price_not_negative"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(60))
    name_en: Mapped[str] = mapped_column(String(80), default="")
    category: Mapped[str] = mapped_column(String(24), default="")
    price_fen: Mapped[int]
    is_delivery_fee: Mapped[bool] = mapped_column(default=False)
    active: Mapped[bool] = mapped_column(default=True)
    # Menu-planning attributes (food group, grain, allergens, nutrition...), see menu.dishes.
    attributes: Mapped[dict] = mapped_column(JSON, default=dict)
