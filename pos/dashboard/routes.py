"""The dashboard: today at a glance."""
from __future__ import annotations

from datetime import date

from flask import Blueprint, current_app, render_template

from pos.auth.access import requires
from pos.dashboard.today import summarise_day
from pos.db import read_session

bp = Blueprint("dashboard", __name__)


@bp.route("/")
@requires("cashier")
def index():
    """Today's meals and takings for the canteen."""
    summary = summarise_day(read_session(), date.today())
    return render_template("dashboard/index.html", summary=summary,
                           canteen_name=current_app.config["CANTEEN_NAME"])
