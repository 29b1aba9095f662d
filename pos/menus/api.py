"""Today's published menu for the counter's dish buttons."""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from flask import current_app, jsonify, request

from pos.access import terminal_only
from pos.api.blueprint import api_blueprint
from pos.db import read_session
from pos.menus.published import menu_today
from pos.sales.orders import meal_period_at

bp = api_blueprint("menus_api", __name__)


@bp.get("/menu/today")
@terminal_only
def menu_today_view():
    """The dishes published for today and a meal period (default: the one being served now)."""
    config = current_app.extensions["canteen_config"]
    now = datetime.now(ZoneInfo(config.timezone))
    period = request.args.get("meal_period") or meal_period_at(config.hours, now)
    return jsonify(menu_today(read_session(), now.date(), period))
