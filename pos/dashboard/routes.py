"""The dashboard: today at a glance."""
from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user

from pos.access import public, requires
from pos.alerts.routes import dashboard_section
from pos.context import canteen_today, settings
from pos.dashboard.today import summarise_day
from pos.db import read_session

bp = Blueprint("dashboard", __name__)


@bp.route("/healthz")
@public
def healthz():
    """Liveness for monitors (and the floor of the sales benchmark)."""
    return {"ok": True}


@bp.route("/")
@requires("cashier")
def index():
    """Today's meals and takings for the canteen; for managers, the alerts that need attention."""
    summary = summarise_day(read_session(), canteen_today(), settings().timezone)
    attention = dashboard_section() if current_user.has_role("manager") else {}
    return render_template("dashboard/index.html", summary=summary, attention=bool(attention), **attention)
