"""Signing in and out."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_user, logout_user

from pos.access import public
from pos.auth.forms import LoginForm
from pos.auth.services import authenticate
from pos.db import read_session

bp = Blueprint("auth", __name__)


@bp.route("/login", methods=["GET", "POST"])
@public
def login():
    """Show the login form; on success go where the user was heading."""
    form = LoginForm()
    if form.validate_on_submit():
        user = authenticate(read_session(), form.username.data, form.password.data)
        if user is not None:
            login_user(user)
            return redirect(safe_next(request.args.get("next"), user))
        flash(_("Wrong username or password."), "error")
    return render_template("auth/login.html", form=form), 200 if request.method == "GET" else 401


@bp.route("/logout", methods=["POST"])
@public
def logout():
    """Sign out."""
    logout_user()
    return redirect(url_for("auth.login"))


def safe_next(target: str | None, user) -> str:
    """Only follow local redirects, so a login link cannot send staff elsewhere; else the user's own start page."""
    if target and urlsplit(target).netloc == "" and target.startswith("/") and not target.startswith("//"):
        return target
    # Cashiers live in the cashier screen; managers and admins start on the dashboard.
    return url_for("counter.index") if user.role == "cashier" else url_for("dashboard.index")
