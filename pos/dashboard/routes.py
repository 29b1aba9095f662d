"""The dashboard: today at a glance."""
from __future__ import annotations

from flask import Blueprint, current_app, render_template

from pos.access import public, requires
from pos.clock import canteen_today
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
    """Today's meals and takings for the canteen."""
    zone = current_app.config["CANTEEN_TIMEZONE"]
    summary = summarise_day(read_session(), canteen_today(), zone)
    return render_template("dashboard/index.html", summary=summary,
                           canteen_name=current_app.config["CANTEEN_NAME"])
