"""Today's published menu for the counter's dish buttons."""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from flask import jsonify, request

from pos.access import terminal_only
from pos.api.blueprint import api_blueprint
from pos.canteens.services import serving_hours
from pos.context import settings
from pos.db import read_session
from pos.menus.published import menu_today
from pos.sales.orders import meal_period_at

bp = api_blueprint("menus_api", __name__)


@bp.get("/menu/today")
@terminal_only
def menu_today_view():
    """The dishes published for today and a meal period (default: the one being served now)."""
    config, session = settings(), read_session()
    now = datetime.now(ZoneInfo(config.timezone))
    period = request.args.get("meal_period") or meal_period_at(serving_hours(session, config.hours), now)
    return jsonify(menu_today(session, now.date(), period))
