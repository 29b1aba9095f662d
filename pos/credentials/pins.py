"""The resident's PIN for their own page: set at the counter, checked with a lockout.

Five wrong PINs in a row lock the resident page for fifteen minutes. The
failures are written even though the sign-in is refused, so the transaction
commits first and the refusal is raised after it.
"""
from __future__ import annotations

import hashlib
import math
import re
from datetime import datetime, timedelta

from werkzeug.security import check_password_hash, generate_password_hash

from pos.audit import Actor, record
from pos.clock import as_utc, utc_now
from pos.credentials.lookup import find_card
from pos.db import Database
from pos.errors import N_, CanteenError, InvalidInput, NotFound
from pos.residents.models import Resident
from pos.residents.records import get_resident

PIN_PATTERN = re.compile(r"[0-9]{4,6}")
MAX_FAILURES = 5
LOCK_FOR = timedelta(minutes=15)
WRONG = N_("wrong card number or PIN")


class PinRefused(CanteenError):
    """The card and PIN do not sign in."""

    status = 401
    code = "pin_wrong"


class PinLocked(PinRefused):
    """Too many wrong PINs: the page stays locked for a while."""

    status = 429
    code = "pin_locked"


def set_pin(db: Database, resident_id: int, pin: object, actor: Actor) -> dict:
    """Set (or reset) a resident's PIN, ending any lockout."""
    if not isinstance(pin, str) or not PIN_PATTERN.fullmatch(pin):
        raise InvalidInput("must be 4 to 6 digits", field="pin")
    with db.unit_of_work() as session:
        resident = get_resident(session, resident_id, lock=True)
        resident.pin_hash = generate_password_hash(pin)
        resident.pin_failures, resident.pin_locked_until = 0, None
        record(session, actor, "resident.pin_set", "resident", resident_id)  # never the PIN, nor its hash
        return {"resident_id": resident_id, "pin_set": True}


def pin_stamp(resident: Resident) -> str:
    """A short fingerprint of the PIN hash: a session signed in under an older PIN ends."""
    return hashlib.sha256((resident.pin_hash or "").encode()).hexdigest()[:16]


def sign_in_with_pin(db: Database, card_text: str, pin: str, now: datetime | None = None) -> tuple[int, str]:
    """The resident id and PIN stamp for a card number and PIN, or a refusal."""
    with db.unit_of_work() as session:
        refusal, signed_in = _attempt(session, card_text, pin, now or utc_now())
    if refusal is not None:
        raise refusal
    return signed_in


def _attempt(session, card_text: str, pin: str, now: datetime):
    try:
        card = find_card(session, card_text, field="card")
    except NotFound:
        return PinRefused(WRONG), None
    if card.status == "returned":
        return PinRefused(WRONG), None
    resident = get_resident(session, card.resident_id, lock=True)
    if resident.pin_locked_until is not None and as_utc(resident.pin_locked_until) > now:
        return _locked(resident.pin_locked_until, now), None
    if not resident.pin_hash:
        return PinRefused(N_("no PIN has been set for this card; ask at the canteen counter"), code="pin_not_set"), None
    if PIN_PATTERN.fullmatch(pin or "") and check_password_hash(resident.pin_hash, pin):
        resident.pin_failures, resident.pin_locked_until = 0, None
        return None, (resident.id, pin_stamp(resident))
    resident.pin_failures += 1
    if resident.pin_failures >= MAX_FAILURES:
        resident.pin_failures, resident.pin_locked_until = 0, now + LOCK_FOR
        return _locked(resident.pin_locked_until, now), None
    return PinRefused(N_("wrong card number or PIN; %(left)s tries left before a 15-minute lock"),
                      left=MAX_FAILURES - resident.pin_failures), None


def _locked(until: datetime, now: datetime) -> PinLocked:
    minutes = math.ceil((as_utc(until) - now).total_seconds() / 60)
    return PinLocked(N_("too many wrong PINs; try again in %(minutes)s minutes"), minutes=minutes)
