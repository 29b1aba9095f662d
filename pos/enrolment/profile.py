"""A resident shown whole: details (masked unless to an admin), balance and cards."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from pos.credentials.models import Card
from pos.ledger.posting import wallet_of
from pos.residents.records import get_resident
from pos.residents.views import resident_json


def resident_profile(session: Session, resident_id: int, today: date, admin: bool) -> dict:
    """The resident with their balance and every card they were given, newest last."""
    resident = get_resident(session, resident_id)
    cards = session.scalars(select(Card).where(Card.resident_id == resident_id).order_by(Card.id))
    return resident_json(resident, wallet_of(session, resident_id).balance_fen, today, admin) | {
        "cards": [{"uid": card.uid, "status": card.status} for card in cards]}
