"""A manager's explanation of a fraud finding: it sticks to the finding's check and key across re-runs, and the
finding stays on the report, marked explained."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from pos.canteens.models import owning_canteen
from pos.db import Base


class FraudExplanation(Base):
    """Why a finding is not fraud (or what was done), written once by a manager."""

    __tablename__ = "fraud_explanation"
    __table_args__ = (UniqueConstraint("canteen_id", "check", "key"),)  # one explanation per finding

    id: Mapped[int] = mapped_column(primary_key=True)
    canteen_id: Mapped[int] = owning_canteen()
    check: Mapped[str] = mapped_column(String(24))  # a check's code (pos.fraud.checks.CHECKS)
    key: Mapped[str] = mapped_column(String(80))  # the finding's stable key within its check
    note: Mapped[str] = mapped_column(String(300))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
