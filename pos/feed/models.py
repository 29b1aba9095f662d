"""Every attempt to push a feed file to the receiving platform, kept so the page can show what reached it."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, String
from sqlalchemy.orm import Mapped, mapped_column

from pos.canteens.models import owning_canteen
from pos.db import Base


class FeedPushAttempt(Base):
    """One POST of one feed file (and its signature): when, where, what answered."""

    __tablename__ = "feed_push_attempt"

    id: Mapped[int] = mapped_column(primary_key=True)
    canteen_id: Mapped[int] = owning_canteen()
    attempted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    period: Mapped[str] = mapped_column(String(10))  # 2026-10 or 2026-10-31
    file_name: Mapped[str] = mapped_column(String(120))
    url: Mapped[str] = mapped_column(String(300))  # without user, password or query: they may hold a token
    attempt: Mapped[int]  # 1, 2, 3... within one push
    status_code: Mapped[int | None]  # None: no answer (refused, timed out)
    error: Mapped[str] = mapped_column(String(300), default="")
    bytes: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
