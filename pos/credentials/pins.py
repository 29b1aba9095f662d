"""The resident's PIN for their own page and, without card, at the counter: set at the counter, checked with a
limit on guessing.

A wrong card number, a wrong PIN, a card without a PIN and a card reported lost all get the same
answer, in about the same time, so the page cannot be used to learn which cards exist.
"""
from __future__ import annotations

import re
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from pos.audit import Actor, record
from pos.auth.models import User
from pos.credentials.errors import UnknownCredential
from pos.credentials.lookup import card_by_uid
from pos.credentials.models import Card
from pos.credentials.services import Presented
from pos.db import Database
from pos.errors import N_, CanteenError, Conflict, Forbidden, InvalidInput
from pos.residents.models import Resident, still_here
from pos.residents.records import get_resident
from pos.signins import guessing, held
from pos.signins.secrets import hash_secret, secret_matches
from vocabulary import Identified

PIN_PATTERN = re.compile(r"[0-9]{4,6}")
WRONG = N_("wrong card number or PIN. A card reported lost, or without a PIN, cannot sign in: "
           "please ask at the canteen counter")
WRONG_AT_COUNTER = N_("wrong PIN, or the resident has none set: try again, or check their ID card")
NO_PIN = hash_secret("no PIN")  # checked instead, so a card without a PIN answers as slowly


class PinRefused(CanteenError):
    """The card and PIN do not sign in."""

    status = 401
    code = "pin_wrong"


class CounterPinRefused(CanteenError):
    """The PIN typed at the counter is not the resident's: the cashier and their terminal stay signed in."""

    status = 403
    code = "pin_wrong"


def set_pin(db: Database, resident_id: int, pin: object, actor: Actor, now: datetime) -> dict:
    """Set (or reset) a resident's PIN: phones signed in with the old one are signed out, failed tries forgotten."""
    if not isinstance(pin, str) or not PIN_PATTERN.fullmatch(pin):
        raise InvalidInput("must be 4 to 6 digits", field="pin")
    with db.unit_of_work() as session:
        resident = get_resident(session, resident_id, lock=True)
        resident.pin_hash = hash_secret(pin)
        held.end_resident(session, resident_id, now, "pin_changed")
        for uid in session.scalars(select(Card.uid).where(Card.resident_id == resident_id)):
            guessing.forget_account(session, guessing.RESIDENT, uid)
        record(session, actor, "resident.pin_set", "resident", resident_id)  # never the PIN, nor its hash
        return {"resident_id": resident_id, "pin_set": True}


def sign_in_with_pin(db: Database, session: Session, card_text: str, pin: str, client: str, now: datetime) -> str:
    """A new sign-in's token for an active card and its holder's PIN, or a refusal."""
    card = _card(session, card_text)
    attempt = guessing.Attempt(guessing.RESIDENT, card.uid if card is not None else card_text, client)
    with db.unit_of_work() as tx:
        guessing.begin(tx, attempt, now)
    resident = session.get(Resident, card.resident_id) if card is not None and card.status == "active" else None
    pin_hash = resident.pin_hash if resident is not None and resident.pin_hash else None
    matches = secret_matches(pin_hash or NO_PIN, pin or "") and PIN_PATTERN.fullmatch(pin or "") is not None
    if resident is None or card is None or pin_hash is None or not matches:
        raise PinRefused(WRONG)
    with db.unit_of_work() as tx:
        guessing.succeeded(tx, attempt)
        return held.begin(tx, now, client, resident_id=resident.id, card_id=card.id)


def counter_attempt(db: Database, resident_id: int, terminal_id: int, now: datetime) -> guessing.Attempt:
    """Count a PIN typed at a counter for a resident, in its own transaction (a wrong PIN stays counted), or
    refuse while that resident or that counter is over the guessing limits."""
    attempt = guessing.Attempt(guessing.COUNTER, f"resident:{resident_id}", f"terminal:{terminal_id}")
    with db.unit_of_work() as tx:
        guessing.begin(tx, attempt, now)
    return attempt


def pin_typed(session: Session, attempt: guessing.Attempt, resident_id: int, pin: object, user: User | None,
              today: date) -> Presented:
    """A resident without card, found by a signed-in cashier, who typed their PIN at the counter (after
    `counter_attempt` counted it). The ref is the cashier's id, as for an ID card check."""
    if user is None or not user.has_role("cashier"):
        raise Forbidden("only a signed-in cashier may take a PIN at the counter")
    resident = session.get(Resident, resident_id)
    if resident is None:
        raise UnknownCredential("no resident %(id)s", id=resident_id)
    typed = pin if isinstance(pin, str) else ""
    matches = secret_matches(resident.pin_hash or NO_PIN, typed) and PIN_PATTERN.fullmatch(typed) is not None
    if not resident.pin_hash or not matches:
        raise CounterPinRefused(WRONG_AT_COUNTER)
    if not still_here(resident.status, resident.status_date, today):
        raise Conflict("this resident moved away or died; nothing can be settled for them",
                       code="resident_not_active")
    guessing.succeeded(session, attempt)
    return Presented(resident, Identified.PIN, str(user.id))


def _card(session: Session, card_text: str) -> Card | None:
    try:
        return card_by_uid(session, card_text or "", field="card")
    except InvalidInput:
        return None
