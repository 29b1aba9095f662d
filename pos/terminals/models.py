"""Terminals that call the API."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, String, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column

from pos.canteens.models import owning_canteen
from pos.clock import utc_now
from pos.db import Base

READER_NAME_LENGTH = 128  # pcsc-lite's MAX_READERNAME
EVERY_READER = "*"  # terminal.reader_name that takes every reader's taps, as all counters did before readers were bound


class Terminal(Base):
    """A till or an integration; its bearer token is stored only as a hash."""

    __tablename__ = "terminal"

    __table_args__ = (UniqueConstraint("canteen_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    canteen_id: Mapped[int] = owning_canteen()
    name: Mapped[str] = mapped_column(String(60))  # unique within the canteen
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    active: Mapped[bool] = mapped_column(default=True)
    # The PC/SC reader whose taps this counter receives, by its exact name ("Virtual PCD 00 00"); "" none,
    # "*" every reader (a canteen with one counter). pos/terminals/services.py keeps one reader to one counter.
    reader_name: Mapped[str] = mapped_column(String(READER_NAME_LENGTH), default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now, server_default=func.now())
