"""Finding and creating the canteen."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from pos.canteens.models import Canteen


def ensure_canteen(session: Session, name: str, code: str = "main", **area: str) -> Canteen:
    """Return the canteen with this code, creating it if missing."""
    canteen = session.scalar(select(Canteen).where(Canteen.code == code))
    if canteen is None:
        canteen = Canteen(code=code, name=name, **area)
        session.add(canteen)
        session.flush()
    return canteen


def canteen_name(session: Session, fallback: str) -> str:
    """The canteen's name from its record (receipts, poster, feeds and pages all say it); `fallback` before
    any canteen is set up."""
    canteen = main_canteen(session)
    return canteen.name if canteen else fallback


def main_canteen(session: Session) -> Canteen | None:
    """The canteen this server runs (the first one made)."""
    return session.scalar(select(Canteen).order_by(Canteen.id).limit(1))
