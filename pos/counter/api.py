"""The counter on the API: a scan becomes the resident panel."""
from __future__ import annotations

from flask import g, jsonify

from pos.access import requires
from pos.api.blueprint import api_blueprint, body, staff
from pos.clock import utc_now
from pos.context import settings
from pos.counter import scan
from pos.db import get_db
from pos.sales.orders import read_credential
from pos.sales.services import Till

bp = api_blueprint("counter_api", __name__)


@bp.post("/credentials/present")
@requires("cashier")
def present():
    """A scanned card or QR pass: the resident panel and a presentation to quote and settle with."""
    kind, value = read_credential(body().get("credential"))
    return jsonify(scan.present_credential(get_db(), settings(), kind, value, Till(g.terminal.id, staff()), utc_now()))
