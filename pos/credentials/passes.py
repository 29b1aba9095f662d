"""QR passes of a resident: the one-time code on the phone and the printed fallback."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from cards.qrpass import dynamic_payload, new_secret, seconds_left, static_payload, time_step
from pos.clock import utc_now
from pos.db import Database
from pos.errors import NotFound
from pos.residents.records import get_resident


def _secret(db: Database, session: Session, resident_id: int) -> str:
    """The resident's pass secret, created on first use (the only write, once per resident)."""
    resident = get_resident(session, resident_id)
    if resident.qr_secret:
        return resident.qr_secret
    with db.unit_of_work() as writing:
        resident = get_resident(writing, resident_id, lock=True)
        resident.qr_secret = resident.qr_secret or new_secret()
        return resident.qr_secret


def dynamic_pass(db: Database, session: Session, resident_id: int, now: datetime | None = None) -> dict:
    """The code the resident's phone shows now, its step, seconds left, and whether it was spent."""
    moment = now or utc_now()
    secret = _secret(db, session, resident_id)
    step = time_step(moment)
    last = get_resident(session, resident_id).qr_last_step or 0
    return {"payload": dynamic_payload(resident_id, secret, moment), "step": step,
            "seconds_left": seconds_left(moment), "used": last >= step}


def issue_static_pass(db: Database, resident_id: int) -> dict:
    """Print a new static pass: the issue number goes up, so every older print stops working."""
    with db.unit_of_work() as session:
        resident = get_resident(session, resident_id, lock=True)
        resident.qr_secret = resident.qr_secret or new_secret()
        resident.qr_static_issue = (resident.qr_static_issue or 1) + 1
        return {"resident_id": resident_id, "issue": resident.qr_static_issue,
                "payload": static_payload(resident_id, resident.qr_secret, resident.qr_static_issue)}


def static_pass(session: Session, resident_id: int) -> str:
    """The payload of the resident's current printed pass."""
    resident = get_resident(session, resident_id)
    if not resident.qr_secret:
        raise NotFound("no pass was issued to resident %(id)s yet", code="pass_not_issued", id=resident_id)
    return static_payload(resident_id, resident.qr_secret, resident.qr_static_issue or 1)
