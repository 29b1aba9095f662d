"""Signing in and out."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, url_for

from pos.access import public
from pos.auth import services
from pos.auth.forms import LoginForm
from pos.auth.login_manager import forget_staff, remember_staff
from pos.clock import utc_now
from pos.context import client_address
from pos.db import get_db, read_session
from pos.errors import CanteenError

bp = Blueprint("auth", __name__)


@bp.route("/login", methods=["GET", "POST"])
@public
def login():
    """Show the login form; on success go where the user was heading."""
    form = LoginForm()
    status, headers = 200, {}
    if form.validate_on_submit():
        try:
            user, token = services.sign_in(get_db(), read_session(), form.username.data, form.password.data,
                                           client_address(), utc_now())
        except CanteenError as exc:
            flash(exc.localised(), "error")
            status = exc.status
            headers = exc.headers()
        else:
            remember_staff(user, token)
            return redirect(safe_next(request.args.get("next"), user))
    elif form.is_submitted():
        status = 400
    return render_template("auth/login.html", form=form), status, headers


@bp.route("/logout", methods=["POST"])
@public
def logout():
    """Sign out, here and wherever this sign-in's cookie was copied."""
    forget_staff()
    return redirect(url_for("auth.login"))


def safe_next(target: str | None, user) -> str:
    """Only follow local redirects, so a login link cannot send staff elsewhere; else the user's own start page."""
    if target and urlsplit(target).netloc == "" and target.startswith("/") and not target.startswith("//"):
        return target
    # Cashiers live in the cashier screen; managers and admins start on the dashboard.
    return url_for("counter.index") if user.role == "cashier" else url_for("dashboard.index")
