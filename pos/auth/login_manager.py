"""Flask-Login wiring: a member of staff is signed in while their server-side sign-in holds.

The session cookie carries the sign-in's token beside Flask-Login's user id; signing out, a new
password or a deactivated account ends the sign-in row, so a copied cookie opens nothing after.
"""
from __future__ import annotations

from datetime import timedelta

from flask import Flask, redirect, request, session, url_for
from flask_login import LoginManager, current_user, login_user, logout_user

from pos.access import PUBLIC, TERMINAL, access_of
from pos.auth.models import User
from pos.clock import utc_now
from pos.context import settings
from pos.db import get_db, read_session
from pos.errors import N_, Forbidden
from pos.signins import held

login_manager = LoginManager()
login_manager.login_view = "auth.login"
STAFF_KEY = "staff_sign_in"
CHANGE_PASSWORD = "auth.change_password"
PASSWORD_PAGES = {CHANGE_PASSWORD, "auth.save_password"}


class PasswordChangeRequired(Forbidden):
    """An admin set this account's password: its holder chooses their own before anything else."""

    code = "password_change_required"


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    """The active user whose sign-in this browser holds, if it has not ended or lapsed."""
    now = utc_now()
    idle = timedelta(minutes=settings().staff_idle_minutes)
    sign_in = held.still_held(get_db(), read_session(), session.get(STAFF_KEY), now, idle)
    if sign_in is None or str(sign_in.staff_id) != user_id:
        return None
    user = read_session().get(User, sign_in.staff_id)
    return user if user is not None and user.active else None


def remember_staff(user: User, token: str) -> None:
    """Sign the user in in this browser."""
    login_user(user)
    session[STAFF_KEY] = token


def forget_staff() -> None:
    """Sign out in this browser and end the sign-in wherever its cookie went."""
    token = session.pop(STAFF_KEY, None)
    logout_user()
    if token:
        with get_db().unit_of_work() as tx:
            held.end(tx, token, utc_now())


def current_sign_in_token() -> str | None:
    """The token of this browser's staff sign-in (to keep it open when its holder changes their password)."""
    token = session.get(STAFF_KEY)
    return token if isinstance(token, str) else None


def password_change_first():
    """Send a member of staff whose password an admin set to choose their own; the API refuses them meanwhile."""
    endpoint = request.endpoint
    if endpoint is None or endpoint in PASSWORD_PAGES or access_of(endpoint) in (PUBLIC, TERMINAL):
        return None
    if not (current_user.is_authenticated and current_user.must_change_password):
        return None
    if request.path.startswith("/api/"):
        raise PasswordChangeRequired(N_("choose a new password first: sign in on a page and change it"))
    return redirect(url_for(CHANGE_PASSWORD, next=request.full_path.rstrip("?") if request.method == "GET" else None))


def init_app(app: Flask) -> None:
    """Install the login manager, and the page a new password must be chosen on first."""
    login_manager.init_app(app)
    app.before_request(password_change_first)
