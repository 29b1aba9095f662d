"""The counter on the API: a scan becomes the resident panel."""
from __future__ import annotations

from flask import g, jsonify

from pos.access import requires
from pos.api.blueprint import api_blueprint, body, staff
from pos.counter import scan

bp = api_blueprint("counter_api", __name__)


@bp.post("/credentials/present")
@requires("cashier")
def present():
    """A scanned card or QR pass: the resident panel and a presentation to quote and settle with."""
    return jsonify(scan.present_credential(body(), g.terminal.id, staff()))
