"""What every feature's JSON routes share: the /api/v1 prefix, the terminal's bearer token, the body and staff.

Each feature keeps its API routes in its own package (`pos/<feature>/api.py`) on a blueprint made here;
the app factory registers them all.
"""
from __future__ import annotations

from flask import Blueprint, g, request
from flask_login import current_user

from pos.access import PUBLIC, access_of
from pos.audit import Actor
from pos.db import read_session
from pos.errors import CanteenError, InvalidInput
from pos.terminals.services import terminal_for_token

API_PREFIX = "/api/v1"


class TerminalUnauthorized(CanteenError):
    status = 401
    code = "terminal_unauthorized"


def api_blueprint(name: str, import_name: str) -> Blueprint:
    """A blueprint for a feature's JSON routes: under /api/v1, every call checked for a terminal's token."""
    bp = Blueprint(name, import_name, url_prefix=API_PREFIX)
    bp.before_request(require_terminal)
    return bp


def require_terminal():
    """Refuse API calls without a valid terminal token (a bearer token cannot be forged cross-site)."""
    if request.endpoint is not None and access_of(request.endpoint) == PUBLIC:
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
    try:
        data = request.get_json(silent=True)
    except RecursionError:  # nesting deep enough to exhaust the parser's stack
        raise InvalidInput("is nested too deeply", field="body") from None
    if not isinstance(data, dict):
        raise InvalidInput("must be a JSON object", field="body")
    return data


def actor() -> Actor:
    """Who acts in this call, for the audit log: the member of staff signed in, at this terminal."""
    user = staff()
    return Actor(staff_id=user.id if user is not None else None, terminal_id=g.terminal.id)


def staff():
    """The signed-in user, or None for terminal-only calls."""
    return current_user if current_user.is_authenticated else None
