"""The sale services the API calls; each owns its transaction."""
from __future__ import annotations

from datetime import datetime

from flask import current_app

from pos.auth.models import User
from pos.canteens.models import Canteen
from pos.canteens.services import main_canteen
from pos.clock import utc_now
from pos.db import read_session, unit_of_work
from pos.errors import Conflict
from pos.i18n import ui_language
from pos.idempotency import check_key, once
from pos.ledger.posting import wallet_of
from pos.sales.orders import read_order
from pos.sales.quoting import SaleQuote, quote_order
from pos.sales.settle import record_sale, sale_json
from pos.sales.voiding import void_sale as void_in


def _canteen(session) -> Canteen:
    canteen = main_canteen(session)
    if canteen is None:
        raise Conflict("no canteen is set up; run `canteen demo` or create one", code="no_canteen")
    return canteen


def quote_sale(body: object, terminal_id: int, user: User | None, now: datetime | None = None) -> dict:
    """Price and subsidise an order without moving money."""
    order = read_order(body)
    config = current_app.extensions["canteen_config"]
    session = read_session()
    quote = quote_order(session, order, _canteen(session), config.hours, config.timezone, user, now or utc_now(),
                        terminal_id=terminal_id)
    return quote.as_json(ui_language())


def settle_sale(body: object, terminal_id: int, user: User | None, now: datetime | None = None) -> tuple[int, dict]:
    """Settle an order once per idempotency key: 201 the first time, 200 with the same body on a retry."""
    order = read_order(body)
    key = check_key(body.get("idempotency_key"))
    config = current_app.extensions["canteen_config"]
    moment = now or utc_now()

    def settle(session) -> tuple[int, dict]:
        canteen = _canteen(session)
        quote: SaleQuote = quote_order(session, order, canteen, config.hours, config.timezone, user, moment,
                                       lock=True, terminal_id=terminal_id)
        sale = record_sale(session, quote, canteen, terminal_id, user, order.payment_method)
        return 201, sale_json(sale, quote, ui_language())

    with unit_of_work() as session:
        return once(session, f"terminal:{terminal_id}", key, body, lambda: settle(session))


def void_sale(sale_id: int, reason: object, user: User, now: datetime | None = None) -> dict:
    """Void a sale with a reason; returns the resident's balance after."""
    with unit_of_work() as session:
        sale = void_in(session, sale_id, reason if isinstance(reason, str) else "", user, now or utc_now())
        balance = wallet_of(session, sale.resident_id).balance_fen if sale.resident_id else None
        return {"sale_id": sale.id, "receipt_no": sale.receipt_no, "voided": True, "balance_after_fen": balance}
