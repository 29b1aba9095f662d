"""The API blueprint: every call carries a terminal's bearer token."""
from __future__ import annotations

from flask import Blueprint, g, request
from flask_login import current_user

from pos.auth.access import PUBLIC, access_of
from pos.db import read_session
from pos.errors import CanteenError, InvalidInput
from pos.terminals.services import terminal_for_token

bp = Blueprint("api", __name__, url_prefix="/api/v1")


class TerminalUnauthorized(CanteenError):
    status = 401
    code = "terminal_unauthorized"


@bp.before_request
def require_terminal():
    """Refuse API calls without a valid terminal token (a bearer token cannot be forged cross-site)."""
    if access_of(request.endpoint) == PUBLIC:
        return None
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    terminal = terminal_for_token(read_session(), token.strip()) if scheme.lower() == "bearer" else None
    if terminal is None:
        raise TerminalUnauthorized(
            "this terminal is not registered; ask an admin for its token (canteen terminals add)")
    g.terminal = terminal
    return None


def body() -> dict:
    """The request's JSON object, or a 422 naming the body."""
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise InvalidInput("must be a JSON object", field="body")
    return data


def staff():
    """The signed-in user, or None for terminal-only calls."""
    return current_user if current_user.is_authenticated else None
