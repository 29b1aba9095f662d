"""Limits on guessing passwords and PINs, per account and per client address, kept in the database.

Every attempt is written before the password or PIN is checked and removed when it succeeds, so
attempts made at the same moment count against each other, and the limits hold across server
processes and restarts. While an account or an address is over its limit nothing is checked,
even the right password, and nothing more is written (a locked account's lock does not grow).
"""
from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select, text
from sqlalchemy.orm import Session

from pos.clock import as_utc
from pos.errors import N_, CanteenError
from pos.signins.models import SignInAttempt

WINDOW = timedelta(minutes=15)
PER_ACCOUNT = 5  # a resident who forgot their PIN tries a few; then a quarter of an hour's pause
PER_CLIENT = 20  # one address across accounts: a shared canteen PC or a phone network's NAT needs some room
# The doors: /login, /me by card, /me by phone, and a resident's PIN typed at a counter
STAFF, RESIDENT, FAMILY, COUNTER = "staff", "resident", "family", "counter"


class TooManyAttempts(CanteenError):
    """Too many failed sign-ins from this account or address: wait."""

    status = 429
    code = "too_many_attempts"


@dataclass(frozen=True)
class Attempt:
    """A sign-in being tried: at which door, for which account (as typed), from which address."""

    door: str
    typed: str
    client: str

    @property
    def account(self) -> str:
        """A hash of the account as typed, case and spaces aside."""
        return hashlib.sha256(f"{self.door}:{self.typed.strip().casefold()}".encode()).hexdigest()


def begin(session: Session, attempt: Attempt, now: datetime) -> None:
    """Count an attempt, or refuse it (writing nothing) while its account or address is over the limit."""
    _serialise(session, attempt)
    session.execute(delete(SignInAttempt).where(SignInAttempt.at <= now - WINDOW))
    for column, key, limit in ((SignInAttempt.account, attempt.account, PER_ACCOUNT),
                               (SignInAttempt.client, attempt.client[:45], PER_CLIENT)):
        times = session.scalars(select(SignInAttempt.at).where(
            SignInAttempt.door == attempt.door, column == key, SignInAttempt.at > now - WINDOW)
            .order_by(SignInAttempt.at)).all()
        if len(times) >= limit:
            minutes = max(1, math.ceil((as_utc(times[len(times) - limit]) + WINDOW - now).total_seconds() / 60))
            refusal = TooManyAttempts(N_("too many failed sign-ins; please try again in %(minutes)s minutes"),
                                      minutes=minutes)
            refusal.retry_after = minutes * 60
            raise refusal
    session.add(SignInAttempt(door=attempt.door, account=attempt.account, client=attempt.client[:45], at=now))


def succeeded(session: Session, attempt: Attempt) -> None:
    """The account signed in: its attempts no longer count (the address's other accounts' still do)."""
    session.execute(delete(SignInAttempt).where(SignInAttempt.door == attempt.door,
                                                SignInAttempt.account == attempt.account))


def forget_account(session: Session, door: str, typed: str) -> None:
    """Clear an account's failures (a new password or PIN was set for it)."""
    succeeded(session, Attempt(door, typed, ""))


def failures(session: Session, attempt: Attempt, now: datetime) -> int:
    """Attempts counted against this account in the window (for tests and the doctor)."""
    return session.scalar(select(func.count()).select_from(SignInAttempt).where(
        SignInAttempt.door == attempt.door, SignInAttempt.account == attempt.account,
        SignInAttempt.at > now - WINDOW)) or 0


def _serialise(session: Session, attempt: Attempt) -> None:
    """On PostgreSQL, attempts on one account or from one address take turns, so none is left uncounted.

    (SQLite has one writer at a time already.)
    """
    if session.get_bind().dialect.name != "postgresql":
        return
    for key in sorted((attempt.account, hashlib.sha256(attempt.client.encode()).hexdigest())):
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": int(key[:15], 16)})
