"""The kitchen's page (/kitchen, managers): one meal's counts in large type for the wall, and its PDF sheet."""
from __future__ import annotations

from datetime import date, time, timedelta
from zoneinfo import ZoneInfo

from flask import Blueprint, Response, abort, render_template, request

from menu import Allergen
from pos.access import requires
from pos.canteens.services import canteen_name, serving_hours
from pos.clock import utc_now
from pos.context import canteen_today, settings
from pos.db import read_session
from pos.errors import N_
from pos.i18n import term, ui_language
from pos.kitchen.counts import count_kitchen
from pos.kitchen.sheet import kitchen_pdf
from pos.kitchen.textures import TEXTURES, texture_label, word
from pos.menus.routes import NoFont
from pos.residents.diet import DietaryNeed
from receipts.fonts import FontNotFound
from vocabulary import CHANNELS, MEAL_PERIODS, Channel, MealPeriod

bp = Blueprint("kitchen", __name__, url_prefix="/kitchen")


def chosen_meal(day_text: str, period: str) -> tuple[date, str, list[str]]:
    """The day (today unless given), the meal period (as given, else today's meal not yet over) and the
    periods the canteen serves."""
    hours = serving_hours(read_session(), settings().hours)
    served = [p for p in MEAL_PERIODS if p in hours]
    try:
        day = date.fromisoformat(day_text)
    except ValueError:
        day = canteen_today()
    if period not in served:
        period = next((p for p in served if _now() < hours[p][1]), served[-1] if served else MEAL_PERIODS[1])
    return day, period, served


def _now() -> time:
    return utc_now().astimezone(ZoneInfo(settings().timezone)).time()


@bp.get("")
@requires("manager")
def index():
    """One meal's counts: meals by channel and texture, portions by dish, and the orders to watch."""
    day, period, served = chosen_meal(request.args.get("day", ""), request.args.get("period", ""))
    english, locale = ui_language() == "en", ui_language()
    return render_template(
        "kitchen/index.html", day=day, period=period, counts=count_kitchen(read_session(), day, period),
        periods=[(p, term(MealPeriod(p))) for p in served], textures=[(t, texture_label(t, locale)) for t in TEXTURES],
        channels=[(c, term(Channel(c))) for c in CHANNELS], channel_names={c: term(Channel(c)) for c in CHANNELS},
        english=english,
        diet_name=lambda code: word(DietaryNeed, code, locale), allergen_name=lambda code: word(Allergen, code, locale),
        previous=day - timedelta(days=1), following=day + timedelta(days=1))


@bp.get("/<day>/<period>.pdf")
@requires("manager")
def sheet(day: str, period: str):
    """The meal's kitchen sheet as an A4 PDF, in Chinese (/kitchen/2026-12-10/lunch.pdf)."""
    try:
        meal_day = date.fromisoformat(day)
    except ValueError:
        abort(404)
    if period not in MEAL_PERIODS:
        abort(404)
    session = read_session()
    printed_at = utc_now().astimezone(ZoneInfo(settings().timezone))
    try:
        pdf = kitchen_pdf(count_kitchen(session, meal_day, period), canteen_name(session, settings().canteen_name),
                          printed_at, settings().font_path)
    except FontNotFound as exc:
        raise NoFont(N_("no Chinese font for PDFs: %(detail)s"), detail=str(exc)) from None
    return Response(pdf, mimetype="application/pdf",
                    headers={"Content-Disposition": f'inline; filename="kitchen-{day}-{period}.pdf"'})
