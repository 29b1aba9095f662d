"""The cashier screen at /counter."""
from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user

from pos.access import requires
from pos.clock import utc_now
from pos.counter.page import page_config
from pos.db import read_session

bp = Blueprint("counter", __name__)


@bp.get("/counter")
@requires("cashier")
def index():
    """The page a cashier works in; every action it takes goes through the JSON API."""
    return render_template("counter/index.html", counter=page_config(read_session(), current_user, utc_now()))
