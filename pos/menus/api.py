"""Today's published menu, and the counter's dish panel with the version an open counter polls."""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from flask import jsonify, request

from pos.access import terminal_only
from pos.api.blueprint import api_blueprint
from pos.canteens.services import main_canteen, serving_hours
from pos.context import settings
from pos.db import read_session
from pos.i18n import ui_language
from pos.menus.counter_menu import counter_menu, menu_version
from pos.menus.published import menu_today
from pos.sales.orders import meal_period_at

bp = api_blueprint("menus_api", __name__)


def served_now() -> tuple[datetime, str]:
    """The canteen's local time and the meal period being served now."""
    config, session = settings(), read_session()
    now = datetime.now(ZoneInfo(config.timezone))
    return now, meal_period_at(serving_hours(session, config.hours), now)


@bp.get("/menu/today")
@terminal_only
def menu_today_view():
    """The dishes published for today and a meal period (default: the one being served now)."""
    now, period = served_now()
    return jsonify(menu_today(read_session(), now.date(), request.args.get("meal_period") or period))


@bp.get("/menu/counter")
@terminal_only
def counter_menu_view():
    """The counter's dish panel for the meal period being served now."""
    now, period = served_now()
    session = read_session()
    canteen = main_canteen(session)
    return jsonify(counter_menu(session, canteen.id if canteen else None, now.date(), period, ui_language()))


@bp.get("/menu/counter/version")
@terminal_only
def counter_menu_version():
    """The panel's version now: an open counter asks every half minute and reloads the panel when it changes."""
    now, period = served_now()
    return jsonify({"version": menu_version(read_session(), now.date(), period)})
