"""Resident services the API and CLI call; each owns its transaction."""
from __future__ import annotations

from datetime import date

from pos.audit import Actor
from pos.db import Database
from pos.ledger.posting import wallet_of
from pos.residents import records
from pos.residents.records import AREA_FIELDS, ResidentIn  # noqa: F401  (the API reads these here)


def register(db: Database, data: ResidentIn, actor: Actor) -> int:
    """Register a resident and open their wallet; returns the new id."""
    with db.unit_of_work() as session:
        resident = records.register_resident(session, data, actor)
        wallet_of(session, resident.id)
        return resident.id


def change_status(db: Database, resident_id: int, status: str, on: date | None, actor: Actor) -> None:
    """Mark a resident active, moved away or deceased."""
    with db.unit_of_work() as session:
        records.set_status(session, resident_id, status, on, actor)
