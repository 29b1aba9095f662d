"""Signing in and out, and choosing one's own password."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from pos.access import public, requires
from pos.auth import services
from pos.auth.fields import LABELS, error_field
from pos.auth.forms import LoginForm
from pos.auth.login_manager import CHANGE_PASSWORD, current_sign_in_token, forget_staff, remember_staff
from pos.clock import utc_now
from pos.context import client_address, page_actor
from pos.db import get_db, read_session
from pos.errors import CanteenError

bp = Blueprint("auth", __name__)


@bp.route("/login", methods=["GET", "POST"])
@public
def login():
    """Show the login form; on success go where the user was heading (choosing a new password first if due)."""
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
            target = safe_next(request.args.get("next"), user)
            if user.must_change_password:
                return redirect(url_for(CHANGE_PASSWORD, next=target))
            return redirect(target)
    elif form.is_submitted():
        status = 400
    return render_template("auth/login.html", form=form), status, headers


@bp.route("/logout", methods=["POST"])
@public
def logout():
    """Sign out, here and wherever this sign-in's cookie was copied."""
    forget_staff()
    return redirect(url_for("auth.login"))


@bp.get("/password")
@requires("cashier")
def change_password():
    """The form where every member of staff chooses their own password."""
    return render_template("auth/password.html", error=None, field=None, labels=LABELS)


@bp.post("/password")
@requires("cashier")
def save_password():
    """Change one's own password; every other sign-in of the account ends, this one stays."""
    change = services.PasswordChange(current_user.id, request.form.get("current_password", ""),
                                     request.form.get("new_password", ""), request.form.get("repeat_password", ""),
                                     current_sign_in_token())
    try:
        services.change_own_password(get_db(), change, client_address(), page_actor(), utc_now())
    except CanteenError as exc:
        return render_template("auth/password.html", error=exc, field=error_field(exc), labels=LABELS), exc.status
    flash(_("Your new password is set. You are signed out everywhere else."), "ok")
    return redirect(safe_next(request.args.get("next"), current_user))


def safe_next(target: str | None, user) -> str:
    """Only follow local redirects, so a login link cannot send staff elsewhere; else the user's own start page."""
    if target and urlsplit(target).netloc == "" and target.startswith("/") and not target.startswith("//"):
        return target
    # Riders live on their delivery run, cashiers in the cashier screen; managers and admins start on the dashboard.
    starts = {"rider": "delivery.rider_page", "cashier": "counter.index"}
    return url_for(starts.get(user.role, "dashboard.index"))
