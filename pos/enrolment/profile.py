"""A resident shown whole: details (masked unless to an admin, whose view is audited), balance and cards."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from pos.audit import Actor, record
from pos.audit.models import AuditEntry
from pos.credentials.models import Card
from pos.db import Database
from pos.ledger.posting import wallet_of
from pos.residents.records import get_resident
from pos.residents.views import resident_json

VIEWED_IN_FULL = "resident.viewed_in_full"


def resident_profile(session: Session, resident_id: int, today: date, in_full: bool = False) -> dict:
    """The resident with their balance and every card they were given, newest last."""
    resident = get_resident(session, resident_id)
    cards = list(session.scalars(select(Card).where(Card.resident_id == resident_id).order_by(Card.id)))
    replaced = set(session.scalars(select(AuditEntry.subject_id).where(
        AuditEntry.subject == "card", AuditEntry.action == "card.replaced",
        AuditEntry.subject_id.in_([str(card.id) for card in cards])))) if cards else set()
    return resident_json(resident, wallet_of(session, resident_id).balance_fen, today, in_full) | {
        "cards": [{"uid": card.uid, "status": card.status, "deposit_fen": card.deposit_fen,
                   "replaced": str(card.id) in replaced} for card in cards]}


def show_in_full(db: Database, resident_id: int, today: date, actor: Actor) -> dict:
    """The profile with ID number, phone, birth date and address whole, for an admin; the view is audited.

    The audit row commits with the read, so no one sees the numbers without leaving a trace.
    """
    with db.unit_of_work() as session:
        profile = resident_profile(session, resident_id, today, in_full=True)
        record(session, actor, VIEWED_IN_FULL, "resident", resident_id)
        return profile
