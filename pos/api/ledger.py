"""The ledger check, and signing staff in from a program."""
from __future__ import annotations

from flask import jsonify
from flask_login import login_user

from pos.api.blueprint import body, bp
from pos.api.parsing import text
from pos.audit import verify_ledger
from pos.auth.access import requires, terminal_only
from pos.auth.services import authenticate
from pos.db import read_session
from pos.errors import CanteenError


class LoginFailed(CanteenError):
    status = 401
    code = "login_failed"


@bp.get("/ledger/verify")
@requires("manager")
def verify():
    """Check every ledger invariant."""
    return jsonify(verify_ledger(read_session()).as_json())


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
