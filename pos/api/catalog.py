"""Dishes, and the scan of a card or pass at the counter (card life is in pos.credentials.api)."""
from __future__ import annotations

from flask import g, jsonify

from pos.api.blueprint import body, bp, staff
from pos.api.parsing import integer, text
from pos.auth.access import requires, terminal_only
from pos.credentials import counter
from pos.dishes import services as dishes


@bp.get("/dishes")
@terminal_only
def list_dishes():
    """Dishes on sale, with prices."""
    return jsonify(dishes.list_dishes())


@bp.post("/dishes")
@requires("manager")
def create_dish():
    """Add a dish."""
    data = body()
    dish = dishes.add_dish(code=text(data, "code", max_len=40), name=text(data, "name", required=True, max_len=60),
                           name_en=text(data, "name_en", max_len=80), category=text(data, "category", max_len=24),
                           price_fen=integer(data, "price_fen", 0, 1_000_000))
    return jsonify(dish), 201


@bp.post("/credentials/present")
@requires("cashier")
def present():
    """A scanned card or QR pass: the resident panel and a presentation to quote and settle with."""
    return jsonify(counter.present_credential(body(), g.terminal.id, staff()))

