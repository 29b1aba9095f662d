"""Booking and cancelling meals, and quoting them: no money moves until the meal is served (pos.orders.serving)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from pos.audit import Actor
from pos.audit import record as audit
from pos.canteens.services import canteen_in_use
from pos.db import Database
from pos.errors import NotFound
from pos.idempotency import Answer, RequestKey, once
from pos.orders import rules
from pos.orders.listing import order_json
from pos.orders.models import MealOrder, MealOrderLine
from pos.orders.pricing import expected, quote_json
from pos.residents.models import Resident
from pos.sales.orders import OrderItem
from pos.sales.quoting import SaleQuote
from vocabulary import OrderStatus


@dataclass(frozen=True)
class Booking:
    """A meal to book: whose, which day and period, how it reaches them, and which dishes (none: the set meal)."""

    resident_id: int
    day: date
    meal_period: str
    channel: str
    items: tuple[OrderItem, ...] = ()


def book(session: Session, booking: Booking, actor: Actor, now: datetime, timezone: str, locale: str) -> dict:
    """Book a meal in the caller's transaction, after every check; the order with its expected price."""
    canteen = canteen_in_use(session)
    rules.check_open(canteen, booking.day, booking.meal_period, now, timezone, locale)
    resident = rules.resident_for(session, booking.resident_id, booking.day)
    items = rules.dishes_on_menu(session, booking.day, booking.meal_period, booking.items, locale)
    rules.check_not_booked(session, resident, booking.day, booking.meal_period, locale)
    order = MealOrder(canteen_id=canteen.id, resident_id=resident.id, day=booking.day,
                      meal_period=booking.meal_period, channel=booking.channel, status=OrderStatus.BOOKED.value,
                      set_meal=not booking.items, booked_at=now, booked_by_staff_id=actor.staff_id,
                      booked_by_resident_id=actor.resident_id, booked_by_family_member_id=actor.family_member_id)
    try:
        with session.begin_nested():  # another booking of the same meal committed since the check
            session.add(order)
            session.flush()
    except IntegrityError:
        rules.check_not_booked(session, resident, booking.day, booking.meal_period, locale)
        raise
    session.execute(insert(MealOrderLine.__table__), [
        {"order_id": order.id, "dish_id": item.dish_id, "qty": item.qty} for item in items])
    session.refresh(order, ["lines"])
    quote = expected(session, canteen, order, resident, now, timezone)
    audit(session, actor, "order.booked", "meal_order", order.id, after={
        "resident_id": resident.id, "day": order.day.isoformat(), "meal_period": order.meal_period,
        "channel": order.channel, "lines": [[item.dish_id, item.qty] for item in items],
        "payable_fen": quote.payable_fen}, at=now)
    return order_json(order, resident, locale) | {"quote": quote_json(quote)}


def book_once(db: Database, booking: Booking, request: RequestKey, scope: str, actor: Actor, now: datetime,
              timezone: str, locale: str) -> Answer:
    """Book once per idempotency key; a retry gets the first answer again."""
    with db.unit_of_work() as session:
        return once(session, scope, request, lambda: book(session, booking, actor, now, timezone, locale))


def cancel(db: Database, order_id: int, actor: Actor, now: datetime, timezone: str, locale: str) -> dict:
    """Cancel a booked meal until its cut-off; after it, a clear refusal and nothing changed."""
    with db.unit_of_work() as session:
        order = locked_order(session, order_id)
        rules.check_booked(order, locale)
        rules.check_open(canteen_in_use(session), order.day, order.meal_period, now, timezone, locale, cancelling=True)
        order.status, order.cancelled_at = OrderStatus.CANCELLED.value, now
        audit(session, actor, "order.cancelled", "meal_order", order.id, before={"status": "booked"},
              after={"status": "cancelled"}, at=now)
        return order_json(order, session.get_one(Resident, order.resident_id), locale)


def quote_order(session: Session, order_id: int, now: datetime, timezone: str) -> SaleQuote:
    """An order's expected price, subsidy and payable under the rules expected then; moves no money."""
    order = session.get(MealOrder, order_id)
    if order is None:
        raise NotFound("no order %(id)s", code="no_order", id=order_id)
    return expected(session, canteen_in_use(session), order, session.get_one(Resident, order.resident_id), now,
                    timezone)


def locked_order(session: Session, order_id: int) -> MealOrder:
    """The order, held until commit so a cancel and a serve of it queue."""
    order = session.get(MealOrder, order_id, with_for_update=True, populate_existing=True)
    if order is None:
        raise NotFound("no order %(id)s", code="no_order", id=order_id)
    return order
