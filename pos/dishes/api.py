"""Dishes on the API: the dishes on sale, and adding one."""
from __future__ import annotations

from flask import jsonify

from pos.access import requires, terminal_only
from pos.api.blueprint import actor, api_blueprint, body
from pos.api.parsing import integer, text
from pos.context import canteen_today
from pos.db import get_db, read_session
from pos.dishes import services as dishes
from pos.dishes.prices import MAX_PRICE_FEN

bp = api_blueprint("dishes_api", __name__)


@bp.get("/dishes")
@terminal_only
def list_dishes():
    """Dishes on sale, at today's prices (the canteen's day)."""
    return jsonify(dishes.list_dishes(read_session(), canteen_today()))


@bp.post("/dishes")
@requires("manager")
def create_dish():
    """Add a dish, on sale from today at its price, without planning attributes (the catalog page adds them)."""
    data = body()
    dish = dishes.add_unplanned_dish(get_db(), code=text(data, "code", max_len=40),
                                     name=text(data, "name", required=True, max_len=60),
                                     name_en=text(data, "name_en", max_len=80),
                                     category=text(data, "category", max_len=24),
                                     price_fen=integer(data, "price_fen", 0, MAX_PRICE_FEN), today=canteen_today(),
                                     actor=actor())
    return jsonify(dish), 201
