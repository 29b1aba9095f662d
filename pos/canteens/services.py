"""Finding and creating the canteen."""
from __future__ import annotations

from datetime import time

from sqlalchemy import select
from sqlalchemy.orm import Session

from pos.canteens.models import Canteen
from pos.config import DEFAULT_HOURS, format_hours, parse_hours
from pos.errors import Conflict


def ensure_canteen(session: Session, name: str, code: str = "main", hours: str = DEFAULT_HOURS,
                   printer: str = "none", **area: str) -> Canteen:
    """Return the canteen with this code, creating it if missing (with these serving hours and printer, which
    CANTEEN_HOURS and CANTEEN_PRINTER give a new canteen; from then on they are its own)."""
    canteen = session.scalar(select(Canteen).where(Canteen.code == code))
    if canteen is None:
        canteen = Canteen(code=code, name=name, hours=format_hours(parse_hours(hours)), printer=printer, **area)
        session.add(canteen)
        session.flush()
    return canteen


def canteen_name(session: Session, fallback: str) -> str:
    """The canteen's name from its record (receipts, poster, feeds and pages all say it); `fallback` before
    any canteen is set up."""
    canteen = main_canteen(session)
    return canteen.name if canteen else fallback


def serving_hours(session: Session, fallback: dict[str, tuple[time, time]]) -> dict[str, tuple[time, time]]:
    """The canteen's serving hours from its record; `fallback` before any canteen is set up."""
    canteen = main_canteen(session)
    return canteen.serving_hours if canteen else fallback


def sale_needs_shift(session: Session) -> bool:
    """Whether the canteen's admins want every sale rung up inside an open shift (yes until they say not)."""
    canteen = main_canteen(session)
    return canteen.sale_needs_shift if canteen else True


def main_canteen(session: Session) -> Canteen | None:
    """The canteen this server runs (the first one made)."""
    return session.scalar(select(Canteen).order_by(Canteen.id).limit(1))


def canteen_in_use(session: Session) -> Canteen:
    """The canteen this server runs, for what cannot happen without one (a sale, a booking)."""
    canteen = main_canteen(session)
    if canteen is None:
        raise Conflict("no canteen is set up; run `canteen demo` or create one", code="no_canteen")
    return canteen
