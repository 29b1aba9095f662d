"""Subsidy policy versions, for admins."""
from __future__ import annotations

from flask import jsonify

from pos.access import requires
from pos.api.blueprint import actor, api_blueprint, body
from pos.api.parsing import text
from pos.db import get_db, read_session
from pos.policies import services as policies

bp = api_blueprint("policies_api", __name__)


@bp.get("/policies")
@requires("manager")
def list_policies():
    """Stored policy versions, newest first, and which one the canteen applies."""
    return jsonify(policies.list_versions(read_session()))


@bp.post("/policies")
@requires("admin")
def load_policy():
    """Check a policy file (TOML text) and store it as a new version."""
    data = body()
    toml = text(data, "toml", required=True, max_len=policies.MAX_CHARACTERS)
    return jsonify(policies.load_version(get_db(), toml, bool(data.get("use", True)), actor())), 201
