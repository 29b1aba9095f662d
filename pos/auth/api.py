"""Signing staff in from a program: the cashier screen and integrations."""
from __future__ import annotations

from flask import jsonify
from flask_login import login_user

from pos.access import terminal_only
from pos.api.blueprint import api_blueprint, body
from pos.api.parsing import text
from pos.auth.services import authenticate
from pos.db import read_session
from pos.errors import CanteenError

bp = api_blueprint("auth_api", __name__)


class LoginFailed(CanteenError):
    status = 401
    code = "login_failed"


@bp.post("/session")
@terminal_only
def sign_in():
    """Sign a member of staff in at this terminal (the session cookie carries it)."""
    data = body()
    user = authenticate(read_session(), text(data, "username", required=True), text(data, "password", required=True))
    if user is None:
        raise LoginFailed("wrong username or password")
    login_user(user)
    return jsonify({"user": user.username, "role": user.role})
