"""Cards bound to residents."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, String, func
from sqlalchemy.orm import Mapped, mapped_column

from pos.db import Base

CARD_STATUSES = ("active", "blocked", "returned")


class Card(Base):
    """A resident card, by its canonical UID (upper-case hex)."""

    __tablename__ = "card"
    __table_args__ = (CheckConstraint("status IN ('active', 'blocked', 'returned')", name="status"),
                      CheckConstraint("deposit_fen >= 0", name="deposit_not_negative"))

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(32), unique=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("resident.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), default="active")
    deposit_fen: Mapped[int] = mapped_column(default=0)  # held in the card_deposit account until returned
    issued_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
