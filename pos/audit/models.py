"""The audit log's one table."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from pos.db import Base


class AuditEntry(Base):
    """One change: what (`action` on a subject), who (staff, or a resident on their own page), where, when."""

    __tablename__ = "audit_entry"
    # The log page reads it newest first and by day: `at` is its order and its filter.
    __table_args__ = (Index("ix_audit_entry_subject", "subject", "subject_id"), Index("ix_audit_entry_at", "at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    resident_id: Mapped[int | None] = mapped_column(ForeignKey("resident.id"))  # a resident acting for themself
    terminal_id: Mapped[int | None] = mapped_column(ForeignKey("terminal.id"))
    family_member_id: Mapped[int | None] = mapped_column(ForeignKey("family_member.id"))  # booking for a relative
    action: Mapped[str] = mapped_column(String(40))  # e.g. card.issued, wallet.top_up, resident.changed
    subject: Mapped[str] = mapped_column(String(20))  # card, resident, sale, top_up, dish, policy, staff, ...
    subject_id: Mapped[str] = mapped_column(String(40))
    before: Mapped[Any | None] = mapped_column(JSON)
    after: Mapped[Any | None] = mapped_column(JSON)
    note: Mapped[str] = mapped_column(String(300), default="")
    transaction_id: Mapped[int | None] = mapped_column(ForeignKey("ledger_transaction.id"))  # money it moved
