"""The sale services: quote, settle and void, each given what it needs; settle and void own their transaction."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from pos.auth.models import User
from pos.canteens.services import canteen_in_use
from pos.config import Config
from pos.db import Database
from pos.errors import Forbidden
from pos.idempotency import Answer, RequestKey, once
from pos.ledger.posting import wallet_of
from pos.sales.orders import Order
from pos.sales.quoting import quote_order
from pos.sales.settle import record_sale, sale_json
from pos.sales.voiding import void_sale as void_in

# Refuses, inside the sale's transaction, a cashier who may not take money now (given the session and the
# cashier's id): the canteen's "a sale needs an open shift". Shifts count sales, so pos/shifts sits above
# pos/sales and cannot be imported here; the app hands its rule down (pos/app.py, read by the API routes).
ShiftRule = Callable[[Session, int | None], None]


@dataclass(frozen=True)
class Till:
    """Where and by whom an order is rung up: the terminal, the cashier signed in there (if any), and the rule
    on shifts it sells under (none: history rung up by the demo and tests)."""

    terminal_id: int
    cashier: User | None
    shift_rule: ShiftRule | None = None


def quote_sale(session: Session, settings: Config, order: Order, till: Till, now: datetime, locale: str) -> dict:
    """Price and subsidise an order without moving money."""
    quote = quote_order(session, order, canteen_in_use(session), settings.timezone, till.cashier, now,
                        terminal_id=till.terminal_id, secret=settings.secret_key)
    return quote.as_json(locale)


def settle_sale(db: Database, settings: Config, order: Order, request: RequestKey, till: Till, now: datetime,
                locale: str) -> Answer:
    """Settle an order once per idempotency key; a retry gets the first answer, replayed."""
    with db.unit_of_work() as session:
        def settle() -> dict:  # a retry of a settled key replays its answer, even after the shift closed
            if till.shift_rule is not None:
                till.shift_rule(session, till.cashier.id if till.cashier else None)
            canteen = canteen_in_use(session)
            quote = quote_order(session, order, canteen, settings.timezone, till.cashier, now, lock=True,
                                terminal_id=till.terminal_id, secret=settings.secret_key)
            sale = record_sale(session, quote, canteen, till.terminal_id, till.cashier, order.payment_method,
                               order.proxy_name)
            return sale_json(sale, quote, locale)

        return once(session, f"terminal:{till.terminal_id}", request, settle)


def void_sale(db: Database, sale_id: int, reason: str, till: Till, now: datetime) -> dict:
    """Void a sale with a reason (the till's member of staff); returns the resident's balance after."""
    if till.cashier is None:
        raise Forbidden("sign in to void a sale")
    return void_by(db, sale_id, reason, till.cashier, now, till.terminal_id)


def void_by(db: Database, sale_id: int, reason: str, user: User, now: datetime,
            terminal_id: int | None = None) -> dict:
    """Void a sale with a reason as `user` (at a terminal, or on a page: none); returns the balance after."""
    with db.unit_of_work() as session:
        sale = void_in(session, sale_id, reason, user, now, terminal_id)
        balance = wallet_of(session, sale.resident_id).balance_fen if sale.resident_id else None
        return {"sale_id": sale.id, "receipt_no": sale.receipt_no, "voided": True, "balance_after_fen": balance}
