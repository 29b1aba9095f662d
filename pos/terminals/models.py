"""Terminals that call the API."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, String, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column

from pos.canteens.models import owning_canteen
from pos.clock import utc_now
from pos.db import Base


class Terminal(Base):
    """A till or an integration; its bearer token is stored only as a hash."""

    __tablename__ = "terminal"

    __table_args__ = (UniqueConstraint("canteen_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    canteen_id: Mapped[int] = owning_canteen()
    name: Mapped[str] = mapped_column(String(60))  # unique within the canteen
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now, server_default=func.now())
