"""The check of every invariant on the API (managers)."""
from __future__ import annotations

from flask import jsonify

from pos.access import requires
from pos.api.blueprint import api_blueprint
from pos.db import read_session
from pos.integrity.verify import verify_ledger

bp = api_blueprint("integrity_api", __name__)


@bp.get("/ledger/verify")
@requires("manager")
def verify():
    """Check every ledger invariant."""
    return jsonify(verify_ledger(read_session()).as_json())
