"""Who may use which route. Every view must say; a view that does not is refused.

Default-deny means a new route cannot be forgotten open: ``tests/auth`` walks
the URL map and checks that each endpoint declared its access.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from flask import Flask, abort, current_app, redirect, request, url_for
from flask_login import current_user

from vocabulary import ROLES

F = TypeVar("F", bound=Callable)
PUBLIC = "public"
TERMINAL = "terminal"  # API calls a terminal may make without a staff login
OPEN_ENDPOINTS = {"static"}


def public(view: F) -> F:
    """Mark a view as open to anyone."""
    view.canteen_access = PUBLIC  # type: ignore[attr-defined]
    return view


def terminal_only(view: F) -> F:
    """Mark an API view as open to any terminal with a valid token, without a staff login."""
    view.canteen_access = TERMINAL  # type: ignore[attr-defined]
    return view


def requires(role: str) -> Callable[[F], F]:
    """Mark a view as needing a signed-in user with at least `role`."""
    assert role in ROLES, role

    def mark(view: F) -> F:
        view.canteen_access = role  # type: ignore[attr-defined]
        return view

    return mark


def access_of(endpoint: str, app: Flask | None = None) -> str | None:
    """The access a view declared, or None."""
    if endpoint in OPEN_ENDPOINTS:
        return PUBLIC
    view = (app or current_app).view_functions.get(endpoint)
    return getattr(view, "canteen_access", None)


def check_access():
    """Refuse the request unless the signed-in user may use this endpoint."""
    if request.endpoint is None:
        return None  # no such route: the 404 handler answers
    access = access_of(request.endpoint)
    if access in (PUBLIC, TERMINAL):
        return None
    if access is None:
        abort(403)
    if not current_user.is_authenticated:
        if request.path.startswith("/api/"):
            abort(401)
        return redirect(url_for("auth.login", next=request.full_path))
    if not current_user.has_role(access):
        abort(403)
    return None


def init_app(app: Flask) -> None:
    """Check access before every request."""
    app.before_request(check_access)
