"""The manager's weekly menu page at /menu/<week>, its actions, the poster and the public feeds."""
from __future__ import annotations

from datetime import date

from flask import Blueprint, Response, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _

from pos.access import public, requires
from pos.api.parsing import whole
from pos.canteens.services import canteen_name, main_canteen, serving_hours
from pos.context import canteen_today, settings
from pos.db import get_db, read_session
from pos.errors import N_, CanteenError, InvalidInput
from pos.i18n import ui_language
from pos.input_text import checked_text, column_length
from pos.menus import services, stored
from pos.menus.exports import feed_json, feed_weeks, poster_pdf
from pos.menus.models import MenuSlot
from pos.menus.openmensa import openmensa_xml
from pos.menus.view import week_view
from pos.menus.weeks import parse_week, shift, week_of
from receipts.fonts import FontNotFound

bp = Blueprint("menus", __name__, url_prefix="/menu")


class NoFont(CanteenError):
    status = 503
    code = "no_font"


def form_day(field: str = "day") -> date:
    """A YYYY-MM-DD date from the form."""
    try:
        return date.fromisoformat(request.form.get(field, ""))
    except ValueError:
        raise InvalidInput("must be a date like 2026-11-28", field=field) from None


def form_text(field: str, column: object) -> str:
    """A required short text field from the form, no longer than the column it names."""
    value = checked_text(request.form.get(field, "").strip(), column_length(column), field)
    if not value:
        raise InvalidInput("is required", field=field)
    return value


def form_slot() -> tuple[date, str, str]:
    """The day, meal period and slot a form names."""
    return form_day(), form_text("period", MenuSlot.meal_period), form_text("slot", MenuSlot.slot)


def back(week: str):
    """Return to the week's page."""
    return redirect(url_for("menus.week_page", week=week))


@bp.get("/")
@requires("manager")
def index():
    """This week's menu."""
    return back(week_of(canteen_today()))


@bp.get("/<week>")
@requires("manager")
def week_page(week: str):
    """The week as a grid with its labels, problems and nutrition, and the forms to change it."""
    name = parse_week(week)
    if name != week:
        return back(name)
    session = read_session()
    default = stored.parse_periods(None, services.default_periods(serving_hours(session, settings().hours)))
    view = week_view(session, stored.find_week(session, name), name, ui_language(), default)
    return render_template("menus/week.html", view=view, locale=ui_language(), previous=shift(name, -1),
                           next=shift(name, 1), this_week=week_of(canteen_today()), all_periods=services.ALL_PERIODS,
                           default_periods=[p.value for p in default])


@bp.post("/<week>/plan")
@requires("manager")
def plan(week: str):
    """Plan the week, or re-plan everything but the pinned dishes."""
    name = parse_week(week)
    default = services.default_periods(serving_hours(read_session(), settings().hours))
    periods = stored.parse_periods(request.form.getlist("periods"), default)
    seconds = float(current_app.config.get("MENU_PLAN_SECONDS", services.PLAN_SECONDS))
    keep_pins = request.form.get("keep_pins", "1") == "1"
    report = services.plan_week(get_db(), read_session(), name, periods, keep_pins=keep_pins, time_limit_s=seconds,
                                default=default)
    if report["status"] in ("optimal", "feasible"):
        flash(_("Menu planned: %(summary)s", summary=report["summary"][ui_language()]), "ok")
    else:
        flash(_("No menu could be planned. %(summary)s", summary=report["summary"][ui_language()]), "error")
    return back(name)


@bp.post("/<week>/pin")
@requires("manager")
def pin(week: str):
    """Pin a dish so re-planning keeps it, or unpin it."""
    name = parse_week(week)
    services.pin(get_db(), name, *form_slot(), request.form.get("pinned") == "1")
    return back(name)


@bp.post("/<week>/swap")
@requires("manager")
def swap(week: str):
    """Put another dish in a slot and say what the change breaks."""
    name = parse_week(week)
    try:
        dish_id = whole(int(request.form.get("dish_id", "")), "dish_id", 1, 2**31 - 1)
    except ValueError:
        raise InvalidInput("is required", field="dish_id") from None
    problems = services.swap(get_db(), name, *form_slot(), dish_id)
    if problems:
        flash(_("Dish swapped, but the menu now has these problems:"), "error")
        for problem in problems:
            flash(problem["en" if ui_language() == "en" else "zh_CN"], "error")
    else:
        flash(_("Dish swapped; the menu still meets every rule."), "ok")
    return back(name)


@bp.post("/<week>/publish")
@requires("manager")
def publish(week: str):
    """Publish the week: its dishes become the counter's buttons."""
    name = parse_week(week)
    try:
        services.publish(get_db(), name, force=request.form.get("force") == "1")
    except CanteenError as exc:
        flash(exc.localised(), "error")
        return back(name)
    flash(_("Menu published: the counter now shows these dishes."), "ok")
    return back(name)


@bp.post("/<week>/unpublish")
@requires("manager")
def unpublish(week: str):
    """Take the week back to a draft to change it; meanwhile the counter offers every dish on sale."""
    name = parse_week(week)
    try:
        services.unpublish(get_db(), name)
    except CanteenError as exc:
        flash(exc.localised(), "error")
        return back(name)
    flash(_("Publication withdrawn: the menu is a draft again, and the counter offers every dish on sale."),
          "ok")
    return back(name)


@bp.get("/<week>/poster.pdf")
@requires("cashier")
def poster(week: str):
    """The A4 poster of the week's menu, to print and hang up."""
    name = parse_week(week)
    session = read_session()
    try:
        pdf = poster_pdf(session, stored.get_week(session, name), canteen_name(session, settings().canteen_name),
                         settings().font_path)
    except FontNotFound as exc:
        raise NoFont(N_("no Chinese font for PDFs: %(detail)s"), detail=str(exc)) from None
    return Response(pdf, mimetype="application/pdf",
                    headers={"Content-Disposition": f'inline; filename="menu-{name}.pdf"'})


@bp.get("/feed.json")
@public
def feed():
    """The published menus from this week on (or ?week=2026-W49) as JSON."""
    week = parse_week(request.args["week"]) if request.args.get("week") else None
    session = read_session()
    return jsonify(feed_json(session, feed_weeks(session, canteen_today(), week),
                             canteen_name(session, settings().canteen_name), ui_language()))


@bp.get("/openmensa.xml")
@public
def openmensa():
    """The published menus from this week on as an OpenMensa v2.1 feed."""
    session = read_session()
    xml = openmensa_xml(session, feed_weeks(session, canteen_today()), main_canteen(session),
                        canteen_name(session, settings().canteen_name))
    return Response(xml, mimetype="application/xml")
