"""Booking and cancelling a meal from /me, by the resident or a family member linked to them: the orders' own
services, after the check that the holder may act for that resident. A refusal writes nothing."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from pos.db import Database
from pos.errors import NotFound
from pos.idempotency import Answer, RequestKey, once
from pos.me.holder import Holder, check_acts_for
from pos.orders import services
from pos.orders.models import MealOrder
from pos.orders.services import Booking


def book_meal(db: Database, holder: Holder, booking: Booking, request: RequestKey, now: datetime, timezone: str,
              locale: str) -> Answer:
    """Book once per idempotency key, as the holder (the order and the audit row name them)."""
    with db.unit_of_work() as session:
        def book() -> dict:
            check_acts_for(session, holder, booking.resident_id)
            return services.book(session, booking, holder.actor, now, timezone, locale)

        return once(session, holder.scope, request, book)


def cancel_meal(db: Database, session: Session, holder: Holder, order_id: int, now: datetime, timezone: str,
                locale: str) -> dict:
    """Cancel a booked meal of a resident the holder may act for, until its cut-off."""
    resident_id = order_resident(session, order_id)
    check_acts_for(session, holder, resident_id)
    return services.cancel(db, order_id, holder.actor, now, timezone, locale)


def order_resident(session: Session, order_id: int) -> int:
    """Whose meal an order is."""
    order = session.get(MealOrder, order_id)
    if order is None:
        raise NotFound("no order %(id)s", code="no_order", id=order_id)
    return order.resident_id
