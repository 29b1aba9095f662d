"""Sales: quote, settle, void."""
from __future__ import annotations

from flask import g, jsonify

from pos.api.blueprint import body, bp, staff
from pos.auth.access import requires, terminal_only
from pos.sales import services


@bp.post("/sales/quote")
@terminal_only
def quote():
    """Price and subsidise an order; moves no money."""
    return jsonify(services.quote_sale(body(), g.terminal.id, staff()))


@bp.post("/sales")
@requires("cashier")
def settle():
    """Settle a sale once per idempotency key."""
    status, payload = services.settle_sale(body(), g.terminal.id, staff())
    return jsonify(payload), status


@bp.post("/sales/<int:sale_id>/void")
@requires("cashier")
def void(sale_id: int):
    """Void a sale (managers; the same cashier within two minutes)."""
    return jsonify(services.void_sale(sale_id, body().get("reason"), staff()))
