"""A booked meal at the counter: found when its resident is presented, changed there if they ask, and re-quoted.

A resident who booked dine-in or pick-up for this meal shows up at the counter; the cashier sees the booking on
the screen at once and one Enter serves it (pos.orders.serving). Delivery orders go out with the riders.
"""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from pos.audit import Actor
from pos.audit import record as audit
from pos.canteens.services import canteen_in_use
from pos.errors import NotFound
from pos.orders.models import MealOrder, MealOrderLine
from pos.orders.pricing import quote_lines
from pos.residents.models import Resident
from pos.sales.orders import OrderItem, meal_period_at
from pos.sales.quoting import SaleQuote
from vocabulary import Channel, OrderStatus

AT_THE_COUNTER = (Channel.DINE_IN.value, Channel.PICK_UP.value)


def booking_now(session: Session, resident_id: int, now: datetime, timezone: str) -> dict | None:
    """The resident's booked dine-in or pick-up meal of the meal being served now, as the counter loads it."""
    local = now.astimezone(ZoneInfo(timezone))
    period = meal_period_at(canteen_in_use(session).serving_hours, local)
    order = session.scalars(select(MealOrder).where(
        MealOrder.resident_id == resident_id, MealOrder.day == local.date(), MealOrder.meal_period == period,
        MealOrder.status == OrderStatus.BOOKED.value, MealOrder.channel.in_(AT_THE_COUNTER))).first()
    if order is None:
        return None
    return {"order_id": order.id, "meal_period": order.meal_period, "channel": order.channel,
            "set_meal": order.set_meal, "items": [{"dish_id": line.dish_id, "qty": line.qty} for line in order.lines]}


def quote_changed(session: Session, order_id: int, items: tuple[OrderItem, ...] | None, now: datetime,
                  timezone: str) -> SaleQuote:
    """What serving the order now would cost, with `items` in place of its dishes if the resident changed them."""
    order = session.get(MealOrder, order_id)
    if order is None:
        raise NotFound("no order %(id)s", code="no_order", id=order_id)
    today = now.astimezone(ZoneInfo(timezone)).date()
    return quote_lines(session, canteen_in_use(session), order, session.get_one(Resident, order.resident_id), now,
                       today, items=items)


def change_lines(session: Session, order: MealOrder, items: tuple[OrderItem, ...], actor: Actor,
                 now: datetime) -> None:
    """Put `items` in place of the order's dishes, audited; the same dishes again change nothing."""
    before = sorted((line.dish_id, line.qty) for line in order.lines)
    after = sorted((item.dish_id, item.qty) for item in items)
    if before == after:
        return
    session.execute(delete(MealOrderLine).where(MealOrderLine.order_id == order.id))
    session.execute(insert(MealOrderLine), [{"order_id": order.id, "dish_id": d, "qty": q} for d, q in after])
    order.set_meal = False
    session.refresh(order, ["lines"])
    audit(session, actor, "order.changed", "meal_order", order.id, before={"lines": [list(x) for x in before]},
          after={"lines": [list(x) for x in after]}, at=now)
