"""The dashboard: today at a glance."""
from __future__ import annotations

from datetime import timedelta

from flask import Blueprint, render_template
from flask_babel import gettext as _
from flask_login import current_user

from pos.access import public, requires
from pos.alerts.routes import dashboard_section
from pos.canteens.services import main_canteen
from pos.context import canteen_today, settings
from pos.dashboard.today import summarise_day
from pos.db import read_session
from pos.delivery.figures import order_figures

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
    session, today = read_session(), canteen_today()
    summary = summarise_day(session, today, settings().timezone)
    attention = dashboard_section() if current_user.has_role("manager") else {}
    canteen = main_canteen(session)
    orders = [] if canteen is None else [
        (_("Today"), order_figures(session, canteen.id, today, today + timedelta(days=1))),
        (_("This month"), order_figures(session, canteen.id, today.replace(day=1), today + timedelta(days=1)))]
    return render_template("dashboard/index.html", summary=summary, attention=bool(attention), orders=orders,
                           **attention)
