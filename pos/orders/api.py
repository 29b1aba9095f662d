"""Meal orders on the API: book (a phone booking by staff), cancel, list a day's, serve."""
from __future__ import annotations

from flask import current_app, g, jsonify, request

from pos.access import requires
from pos.api.blueprint import actor, api_blueprint, body, staff
from pos.api.parsing import day, integer
from pos.clock import utc_now
from pos.context import canteen_today, settings
from pos.db import get_db, read_session
from pos.errors import InvalidInput
from pos.i18n import ui_language
from pos.idempotency import RequestKey
from pos.orders import at_counter, listing, services, serving
from pos.orders.services import Booking
from pos.sales.orders import OrderItem, read_credential, read_items, read_proxy
from vocabulary import CHANNELS, MEAL_PERIODS

bp = api_blueprint("orders_api", __name__)


def read_booking(data: dict) -> Booking:
    """A booking from a request body; no items (or an empty list) books the day's set meal."""
    when = day(data, "day")
    if when is None:
        raise InvalidInput("must be a date like 2026-11-28", field="day")
    period = data.get("meal_period")
    if period not in MEAL_PERIODS:
        raise InvalidInput("must be one of %(choices)s", field="meal_period", choices=", ".join(MEAL_PERIODS))
    channel = data.get("channel", "dine_in")
    if channel not in CHANNELS:
        raise InvalidInput("must be one of %(choices)s", field="channel", choices=", ".join(CHANNELS))
    items = data.get("items")
    return Booking(integer(data, "resident_id", 1, 2**31 - 1), when, period, channel,
                   read_items(items) if items not in (None, []) else ())


@bp.post("/orders")
@requires("cashier")
def book():
    """Book a meal once per idempotency key: 201 the first time, 200 with the same body on a retry."""
    data = body()
    booking, key = read_booking(data), RequestKey.of(data)
    answer = services.book_once(get_db(), booking, key, f"terminal:{g.terminal.id}", actor(), utc_now(),
                                settings().timezone, ui_language())
    return jsonify(answer.payload), 200 if answer.replayed else 201


@bp.post("/orders/<int:order_id>/cancel")
@requires("cashier")
def cancel(order_id: int):
    """Cancel a booked meal until its cut-off."""
    return jsonify(services.cancel(get_db(), order_id, actor(), utc_now(), settings().timezone, ui_language()))


@bp.get("/orders")
@requires("cashier")
def orders():
    """A day's orders (today unless asked), of one meal period if asked."""
    when = day(request.args, "day") or canteen_today()
    period = request.args.get("meal_period") or None
    if period is not None and period not in MEAL_PERIODS:
        raise InvalidInput("must be one of %(choices)s", field="meal_period", choices=", ".join(MEAL_PERIODS))
    return jsonify(listing.list_orders(read_session(), when, period, ui_language()))


def changed_items(data: dict) -> tuple[OrderItem, ...] | None:
    """The dishes in place of the booked ones, when the body names any (the resident changed them at the counter)."""
    items = data.get("items")
    return None if items is None else read_items(items)


@bp.post("/orders/<int:order_id>/quote")
@requires("cashier")  # names the resident's balance: not for a token alone
def quote(order_id: int):
    """What serving the order now costs, with the dishes of the body in place of the booked ones if it has any."""
    now, zone = utc_now(), settings().timezone
    return jsonify(at_counter.quote_changed(read_session(), order_id, changed_items(body()), now, zone)
                   .as_json(ui_language()))


@bp.post("/orders/<int:order_id>/serve")
@requires("cashier")
def serve(order_id: int):
    """Serve a booked meal (its dishes, or those of the body): settle it from the wallet once; 201 the first time,
    200 with the same sale after, whatever a retry's body says."""
    # The canteen's rule on shifts, as sales follow it, once the app hands one down.
    rule = current_app.extensions.get("canteen_shift_rule")
    data = body() if request.get_data() else {}
    shown = read_credential(data["credential"]) if data.get("credential") is not None else None
    counter = serving.AtCounter(changed_items(data), shown, settings().secret_key,
                                read_proxy(data, shown[0] if shown else "booking"))
    answer = serving.serve_order(get_db(), order_id, staff(), g.terminal.id, utc_now(), settings().timezone,
                                 ui_language(), rule, counter)
    return jsonify(answer.payload), 200 if answer.replayed else 201
