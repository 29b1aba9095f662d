"""Stored policy versions: the TOML text a clerk loaded, kept verbatim."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String, Text, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column

from pos.clock import utc_now
from pos.db import Base


class StoredPolicy(Base):
    """One version of a subsidy policy; sales name the version they used."""

    __tablename__ = "policy_version"
    __table_args__ = (UniqueConstraint("policy_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    policy_id: Mapped[str] = mapped_column(String(40))
    version: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(120))
    effective_from: Mapped[datetime] = mapped_column(DateTime)  # policy-local time
    source: Mapped[str] = mapped_column(Text)
    loaded_by: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    loaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now, server_default=func.now())
