"""Shifts: open with a counted float, close with a counted drawer, and the shift report."""
from __future__ import annotations

from flask import g, jsonify

from pos.access import requires
from pos.api.blueprint import api_blueprint, body, staff
from pos.api.parsing import fen, text
from pos.db import get_db, read_session
from pos.shifts import services
from pos.shifts.services import MAX_CASH_FEN

bp = api_blueprint("shifts_api", __name__)


@bp.post("/shifts")
@requires("cashier")
def open_shift():
    """Open a shift at this terminal with the counted cash float."""
    return jsonify(services.open_shift(get_db(), staff(), g.terminal.id,
                                       fen(body(), "opening_float_fen", 0, MAX_CASH_FEN))), 201


@bp.post("/shifts/<int:shift_id>/close")
@requires("cashier")
def close_shift(shift_id: int):
    """Close a shift with the counted cash; the report says the difference."""
    data = body()
    return jsonify(services.close_shift(get_db(), shift_id, staff(), fen(data, "counted_cash_fen", 0, MAX_CASH_FEN),
                                        text(data, "note", max_len=200), terminal_id=g.terminal.id))


@bp.get("/shifts/current")
@requires("cashier")
def current_shift():
    """The signed-in cashier's open shift with its figures so far, or {"shift": null}."""
    return jsonify(services.current_shift(read_session(), staff()))


@bp.get("/shifts/<int:shift_id>/report")
@requires("cashier")
def shift_report(shift_id: int):
    """A shift's meals, takings and cash difference."""
    return jsonify(services.shift_report(read_session(), shift_id, staff()))
