"""Finding a card by any form of its UID, and showing it with its history."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from cards.errors import UidInvalid
from cards.identifiers import candidate_uids
from pos.audit import history
from pos.clock import as_utc
from pos.credentials.models import Card
from pos.errors import InvalidInput, NotFound


def card_by_uid(session: Session, uid_text: str, field: str = "uid", lock: bool = False) -> Card | None:
    """The card behind a UID in any form a reader types (hex, decimal, either byte order), or None."""
    try:
        candidates = candidate_uids(uid_text)
    except UidInvalid:
        raise InvalidInput("is not a card number", field=field) from None
    query = select(Card).where(Card.uid.in_(candidates))
    found = {c.uid: c for c in session.scalars(query.with_for_update() if lock else query)}
    return next((found[uid] for uid in candidates if uid in found), None)


def find_card(session: Session, uid_text: str, field: str = "uid", lock: bool = False) -> Card:
    """The card behind a UID in any form a reader types, or a 404."""
    card = card_by_uid(session, uid_text, field, lock)
    if card is None:
        raise NotFound("card %(uid)s is not registered", code="card_not_found", uid=canonical_uid(uid_text, field))
    return card


def canonical_uid(uid_text: str, field: str = "uid") -> str:
    """The canonical UID of a new card."""
    try:
        return candidate_uids(uid_text)[0]
    except UidInvalid:
        raise InvalidInput("is not a card number", field=field) from None


def card_json(card: Card) -> dict:
    """A card as the API returns it."""
    return {"id": card.id, "uid": card.uid, "resident_id": card.resident_id, "status": card.status,
            "deposit_fen": card.deposit_fen}


def card_history(session: Session, uid_text: str) -> dict:
    """The card and every step of its life (its audit rows), oldest first."""
    card = find_card(session, uid_text)
    return card_json(card) | {"events": [
        {"kind": e.action.removeprefix("card."), "at": as_utc(e.at).isoformat(), "note": e.note, "by_user": e.staff_id,
         "by_resident": e.resident_id is not None, "transaction_id": e.transaction_id}
        for e in history(session, "card", card.id)]}
