"""Resident services the API and CLI call; each owns its transaction."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from pos.clock import canteen_today
from pos.credentials.models import Card
from pos.db import read_session, unit_of_work
from pos.ledger.posting import wallet_of
from pos.residents import records
from pos.residents.records import AREA_FIELDS, ResidentIn  # noqa: F401  (the API reads these here)
from pos.residents.views import resident_json


def register(data: ResidentIn) -> int:
    """Register a resident and open their wallet; returns the new id."""
    with unit_of_work() as session:
        resident = records.register_resident(session, data)
        wallet_of(session, resident.id)
        return resident.id


def show(resident_id: int, admin: bool) -> dict:
    """A resident with balance and cards, masked unless shown to an admin."""
    session = read_session()
    resident = records.get_resident(session, resident_id)
    cards = list(session.scalars(select(Card).where(Card.resident_id == resident_id).order_by(Card.id)))
    return resident_json(resident, wallet_of(session, resident_id).balance_fen, cards, canteen_today(), admin)


def change_status(resident_id: int, status: str, on: date | None) -> None:
    """Mark a resident active, moved away or deceased."""
    with unit_of_work() as session:
        records.set_status(session, resident_id, status, on)
