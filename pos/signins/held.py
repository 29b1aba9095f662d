"""Sign-ins the server can end: begun with a random token, checked on every request, ended on demand.

A sign-in lasts while it is used: it lapses after an idle spell (the caller says how long) and
after ``LONGEST`` in any case. `seen_at` is written at most once a minute, so a busy counter does
not write on every request.
"""
from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from pos.clock import as_utc
from pos.db import Database
from pos.signins.models import SignIn

LONGEST = timedelta(hours=12)  # a day's shifts; then the password or PIN again
SEEN_EVERY = timedelta(minutes=1)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def begin(session: Session, now: datetime, client: str, *, staff_id: int | None = None,
          resident_id: int | None = None, card_id: int | None = None, family_member_id: int | None = None) -> str:
    """A new sign-in; returns its token for the browser's cookie (the server keeps only its hash)."""
    token = secrets.token_urlsafe(32)
    session.add(SignIn(token_hash=_hash(token), staff_id=staff_id, resident_id=resident_id, card_id=card_id,
                       family_member_id=family_member_id, client=client[:45], started_at=now, seen_at=now))
    session.flush()
    return token


def current(session: Session, token: object, now: datetime, idle: timedelta) -> SignIn | None:
    """The sign-in behind a token while it holds: not ended, not idle longer than `idle`, not older than LONGEST."""
    if not isinstance(token, str) or not token:
        return None
    held = session.scalar(select(SignIn).where(SignIn.token_hash == _hash(token)))
    if held is None or held.ended_at is not None:
        return None
    if as_utc(held.seen_at) + idle <= now or as_utc(held.started_at) + LONGEST <= now:
        return None
    return held


def still_held(db: Database, session: Session, token: object, now: datetime, idle: timedelta) -> SignIn | None:
    """`current`, and this request recorded on it (at most once a minute), which keeps it from lapsing."""
    held = current(session, token, now, idle)
    if held is not None and as_utc(held.seen_at) + SEEN_EVERY <= now:
        with db.unit_of_work() as tx:
            tx.execute(update(SignIn).where(SignIn.id == held.id, SignIn.ended_at.is_(None)).values(seen_at=now))
    return held


def end(session: Session, token: object, now: datetime, because: str = "signed_out") -> None:
    """End the sign-in behind a token, if there is one."""
    if isinstance(token, str) and token:
        _end(session, SignIn.token_hash == _hash(token), now, because)


def end_staff(session: Session, staff_id: int, now: datetime, because: str, keep: object = None) -> int:
    """End every sign-in of a member of staff (new password, account deactivated) but the one behind the
    token `keep`, if given (they changed their own password there); how many were open."""
    which = SignIn.staff_id == staff_id
    if isinstance(keep, str) and keep:
        which = which & (SignIn.token_hash != _hash(keep))
    return _end(session, which, now, because)


def end_resident(session: Session, resident_id: int, now: datetime, because: str) -> int:
    """End every sign-in of a resident (new PIN, moved away, deceased); how many were open."""
    return _end(session, SignIn.resident_id == resident_id, now, because)


def end_family_member(session: Session, family_member_id: int, now: datetime, because: str) -> int:
    """End every sign-in of a family member (new PIN); how many were open."""
    return _end(session, SignIn.family_member_id == family_member_id, now, because)


def end_card(session: Session, card_id: int, now: datetime, because: str) -> int:
    """End every sign-in made with a card (reported lost, replaced, returned); how many were open."""
    return _end(session, SignIn.card_id == card_id, now, because)


def _end(session: Session, which, now: datetime, because: str) -> int:
    result = session.execute(update(SignIn).where(which, SignIn.ended_at.is_(None))
                             .values(ended_at=now, ended_because=because))
    return result.rowcount  # type: ignore[attr-defined]
