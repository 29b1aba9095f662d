"""Writing an audit row, and reading a subject's history."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from pos.audit.models import AuditEntry
from pos.clock import utc_now


@dataclass(frozen=True)
class Actor:
    """Who made a change and where: a member of staff at a terminal, a resident on their own page, a family
    member on /me, or the system (a command run by the canteen's administrator, the demo)."""

    staff_id: int | None = None
    terminal_id: int | None = None
    resident_id: int | None = None
    family_member_id: int | None = None


SYSTEM = Actor()


def record(session: Session, actor: Actor, action: str, subject: str, subject_id: object, *,
           before: Any = None, after: Any = None, note: str = "", transaction_id: int | None = None,
           at: datetime | None = None) -> None:
    """Append one audit row in the caller's transaction."""
    session.execute(insert(AuditEntry.__table__).values(
        at=at or utc_now(), staff_id=actor.staff_id, resident_id=actor.resident_id, terminal_id=actor.terminal_id,
        family_member_id=actor.family_member_id,
        action=action, subject=subject, subject_id=str(subject_id), before=before, after=after, note=note[:300],
        transaction_id=transaction_id))


def history(session: Session, subject: str, subject_id: object) -> list[AuditEntry]:
    """Every audit row of one subject, oldest first."""
    return list(session.scalars(select(AuditEntry).where(AuditEntry.subject == subject,
                                                         AuditEntry.subject_id == str(subject_id))
                                .order_by(AuditEntry.id)))
