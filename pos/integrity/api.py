"""The check of every invariant on the API (managers)."""
from __future__ import annotations

from flask import jsonify, request

from pos.access import requires
from pos.api.blueprint import api_blueprint
from pos.db import read_session
from pos.integrity.verify import verify_ledger

bp = api_blueprint("integrity_api", __name__)


@bp.get("/ledger/verify")
@requires("manager")
def verify():
    """Check every ledger invariant; `?chain=1` also recomputes the hash chain (a full pass: slow on a big database)."""
    chain = request.args.get("chain", "") in ("1", "true")
    return jsonify(verify_ledger(read_session(), chain=chain).as_json())
