"""Signing staff in from a program: the cashier screen and integrations."""
from __future__ import annotations

from flask import jsonify

from pos.access import terminal_only
from pos.api.blueprint import api_blueprint, body
from pos.api.parsing import text
from pos.auth import services
from pos.auth.login_manager import remember_staff
from pos.clock import utc_now
from pos.context import client_address
from pos.db import get_db, read_session

bp = api_blueprint("auth_api", __name__)


@bp.post("/session")
@terminal_only
def sign_in():
    """Sign a member of staff in at this terminal (the session cookie carries it)."""
    data = body()
    user, token = services.sign_in(get_db(), read_session(), text(data, "username", required=True, max_len=64),
                                   text(data, "password", required=True, max_len=128), client_address(), utc_now())
    remember_staff(user, token)
    # An account whose password an admin set is refused everything else until its holder picks their own on /password.
    return jsonify({"user": user.username, "role": user.role, "must_change_password": user.must_change_password})
