"""What the browser tests read back from the database, or plant in it, around the counter's screen."""
from __future__ import annotations

from sqlalchemy import select

from cards.qrpass import new_secret
from pos.residents.models import Resident
from pos.sales.models import Sale


def sales(database) -> list[Sale]:
    """Every sale, in the order rung up."""
    with database.unit_of_work() as session:
        return list(session.scalars(select(Sale).order_by(Sale.id)))


def give_pass(database, resident_id: int) -> str:
    """Give the resident a QR pass secret (as /me does when they first sign in); returns it."""
    secret = new_secret()
    with database.unit_of_work() as session:
        session.get_one(Resident, resident_id).qr_secret = secret
    return secret
