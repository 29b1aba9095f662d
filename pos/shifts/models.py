"""A cashier's shift at a terminal."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from pos.canteens.models import owning_canteen
from pos.db import Base


class Shift(Base):
    """Opened with a counted cash float, closed with a counted drawer; sales in between belong to it."""

    __tablename__ = "shift"
    __table_args__ = (CheckConstraint("opening_float_fen >= 0", name="float_not_negative"),
                      CheckConstraint("counted_cash_fen IS NULL OR counted_cash_fen >= 0", name="count_not_negative"))

    id: Mapped[int] = mapped_column(primary_key=True)
    canteen_id: Mapped[int] = owning_canteen(index=True)
    cashier_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"), index=True)
    terminal_id: Mapped[int | None] = mapped_column(ForeignKey("terminal.id"))
    opened_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    opening_float_fen: Mapped[int]
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    counted_cash_fen: Mapped[int | None]
    expected_cash_fen: Mapped[int | None]  # float + cash takings, fixed when the shift closes
    note: Mapped[str] = mapped_column(String(200), default="")
