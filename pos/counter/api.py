"""The counter on the API: a scan becomes the resident panel; a resident without card is found and checked."""
from __future__ import annotations

from flask import g, jsonify, request

from pos.access import requires
from pos.api.blueprint import api_blueprint, body, staff
from pos.api.parsing import integer, text
from pos.clock import utc_now
from pos.context import canteen_today, settings
from pos.counter import scan
from pos.counter.search import find_at_counter
from pos.db import get_db, read_session
from pos.sales.orders import read_credential
from pos.sales.services import Till

bp = api_blueprint("counter_api", __name__)


@bp.post("/credentials/present")
@requires("cashier")
def present():
    """A scanned card or QR pass: the resident panel and a presentation to quote and settle with."""
    kind, value = read_credential(body().get("credential"))
    return jsonify(scan.present_credential(get_db(), settings(), kind, value, Till(g.terminal.id, staff()), utc_now()))


@bp.get("/counter/residents")
@requires("cashier")
def find_residents():
    """Residents matching ?q= (name, pinyin initials, last four of ID or phone), numbers masked."""
    return jsonify(find_at_counter(read_session(), text(request.args, "q", max_len=40), canteen_today()))


@bp.post("/credentials/pin-check")
@requires("cashier")
def pin_check():
    """No card or pass: the resident the cashier found typed their PIN; the panel and a presentation, as a scan
    gives."""
    data = body()
    resident_id = integer(data, "resident_id", 1, 2**31 - 1)
    return jsonify(scan.check_pin(get_db(), settings(), resident_id, data.get("pin"), Till(g.terminal.id, staff()),
                                  utc_now()))


@bp.post("/credentials/identity-check")
@requires("cashier")
def identity_check():
    """No card or pass: the cashier checked the resident's ID card; the panel and a presentation, as a scan gives."""
    resident_id = integer(body(), "resident_id", 1, 2**31 - 1)
    return jsonify(scan.check_identity(get_db(), settings(), resident_id, Till(g.terminal.id, staff()), utc_now()))
