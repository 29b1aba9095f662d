"""Sales on the API: quote, settle, void."""
from __future__ import annotations

from flask import current_app, g, jsonify

from pos.access import requires
from pos.api.blueprint import api_blueprint, body, staff
from pos.api.parsing import text
from pos.clock import utc_now
from pos.context import settings
from pos.db import get_db, read_session
from pos.i18n import ui_language
from pos.idempotency import RequestKey
from pos.sales import services
from pos.sales.orders import read_order
from pos.sales.services import Till

bp = api_blueprint("sales_api", __name__)


def _till() -> Till:
    return Till(g.terminal.id, staff(), current_app.extensions["canteen_shift_rule"])


@bp.post("/sales/quote")
@requires("cashier")  # a quote names a resident's balance and subsidy category: not for a token alone
def quote():
    """Price and subsidise an order; moves no money."""
    order = read_order(body())
    return jsonify(services.quote_sale(read_session(), settings(), order, _till(), utc_now(), ui_language()))


@bp.post("/sales")
@requires("cashier")
def settle():
    """Settle a sale once per idempotency key: 201 the first time, 200 with the same body on a retry."""
    data = body()
    order, request, till = read_order(data), RequestKey.of(data), _till()
    answer = services.settle_sale(get_db(), settings(), order, request, till, utc_now(), ui_language())
    return jsonify(answer.payload), 200 if answer.replayed else 201


@bp.post("/sales/<int:sale_id>/void")
@requires("cashier")
def void(sale_id: int):
    """Void a sale (managers; the same cashier within two minutes)."""
    reason = text(body(), "reason", max_len=200)  # required: the service says so, after finding the sale
    return jsonify(services.void_sale(get_db(), sale_id, reason, _till(), utc_now()))
