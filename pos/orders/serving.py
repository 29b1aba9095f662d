"""Serving a booked meal: the only moment an order moves money.

The sale is settled through the sales' own path (record_sale: sale, lines, subsidy lines, ledger) at the prices
and subsidy rules in force when served, and the order marked served with its sale, in one transaction. The
order itself is the idempotency key: a retry, a double tap or a second counter serving the same order gets
the first answer again and nothing is charged twice.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from pos.audit import Actor
from pos.audit import record as audit
from pos.auth.models import User
from pos.canteens.services import canteen_in_use
from pos.credentials.services import identify
from pos.db import Database
from pos.errors import N_, Conflict
from pos.idempotency import Answer, RequestKey, once
from pos.orders import rules
from pos.orders.at_counter import change_lines
from pos.orders.listing import order_json
from pos.orders.pricing import quote_lines
from pos.orders.services import locked_order
from pos.residents.models import Resident
from pos.sales.orders import OrderItem
from pos.sales.settle import record_sale, sale_json
from vocabulary import OrderStatus

SCOPE = "meal_order"  # the idempotency scope of serving: one key per order
NOT_TODAY = N_("this order is for %(meal)s on %(day)s, not today")
SOMEONE_ELSE = N_("the card or pass shown is not %(name)s's, whose meal this is")
# The canteen's rule on who may take money now (e.g. "a sale needs an open shift"), as the sales' till takes it.
ShiftRule = Callable[[Session, int | None], None]


def serve_key(order_id: int) -> RequestKey:
    """The one key every serving of an order shares, whoever asks and however often."""
    return RequestKey(f"serve:{order_id}", "serve")


@dataclass(frozen=True)
class AtCounter:
    """What the counter adds when it serves a booking: the dishes taken instead of the booked ones, and the card or
    pass the resident showed (a presentation), which the sale and its service record keep as the identification, and
    who collected the meal if not the resident."""

    items: tuple[OrderItem, ...] | None = None
    credential: tuple[str, object] | None = None
    secret: str = ""
    proxy_name: str | None = None  # who collects the meal for the resident (代领)


def serve_order(db: Database, order_id: int, user: User | None, terminal_id: int | None, now: datetime,
                timezone: str, locale: str, shift_rule: ShiftRule | None = None,
                counter: AtCounter = AtCounter()) -> Answer:
    """Settle a booked meal from its resident's wallet and mark it served, once; a second call answers the first
    sale again (`replayed`). `counter`: what the counter changed and showed. `shift_rule` refuses a cashier who may
    not take money now, as a sale does."""
    with db.unit_of_work() as session:
        return serve_in(session, order_id, user, terminal_id, now, timezone, locale, shift_rule, counter)


def serve_in(session: Session, order_id: int, user: User | None, terminal_id: int | None, now: datetime,
             timezone: str, locale: str, shift_rule: ShiftRule | None = None,
             counter: AtCounter = AtCounter()) -> Answer:
    """serve_order in the caller's transaction (a rider's "delivered" marks the stop in the same one)."""
    actor = Actor(user.id if user else None, terminal_id)
    items = counter.items

    def serve() -> dict:
        if shift_rule is not None:
            shift_rule(session, user.id if user else None)
        order = locked_order(session, order_id)
        rules.check_booked(order, locale)
        today = now.astimezone(ZoneInfo(timezone)).date()
        if order.day != today:
            raise Conflict(NOT_TODAY, code="order_not_today", **rules.meal_words(order.meal_period, order.day, locale))
        canteen, resident = canteen_in_use(session), session.get_one(Resident, order.resident_id)
        shown = None
        if counter.credential is not None:
            shown = identify(session, *counter.credential, user, now, terminal_id, lock=True, secret=counter.secret,
                             today=today)
            if shown.resident.id != resident.id:
                raise Conflict(SOMEONE_ELSE, code="order_other_resident", name=resident.name)
        quote = quote_lines(session, canteen, order, resident, now, today, lock=True, items=items, presented=shown)
        if items is not None:  # priced, so every dish is known and on sale
            change_lines(session, order, items, actor, now)
        sale = record_sale(session, quote, canteen, terminal_id, user, "wallet", counter.proxy_name)
        order.status, order.sale_id = OrderStatus.SERVED.value, sale.id
        audit(session, actor, "order.served", "meal_order", order.id,
              before={"status": "booked"}, after={"status": "served", "sale_id": sale.id},
              transaction_id=sale.transaction_id, at=now)
        return {"order": order_json(order, resident, locale), "sale": sale_json(sale, quote, locale)}

    return once(session, SCOPE, serve_key(order_id), serve)
