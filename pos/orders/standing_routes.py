"""The back office's standing orders (/orders/standing, managers): a resident's standing orders and pauses,
made, ended, added and removed; a refusal names its field and stores nothing."""
from __future__ import annotations

from datetime import date, timedelta

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from pos.access import requires
from pos.clock import utc_now
from pos.context import canteen_today, page_actor, settings
from pos.db import get_db, read_session
from pos.enrolment.directory import ResidentQuery, find_residents
from pos.errors import N_, CanteenError, InvalidInput
from pos.i18n import term, ui_language
from pos.orders import standing
from pos.orders.standing import PauseIn, StandingOrderIn
from pos.orders.standing_listing import active_standing, pauses_of, standing_of
from pos.orders.standing_models import weekday_bits, weekday_list
from pos.residents.models import Resident
from vocabulary import CHANNELS, MEAL_PERIODS, Channel, MealPeriod

bp = Blueprint("standing_orders", __name__, url_prefix="/orders/standing")
DAY_NAMES = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))
NOT_A_DAY = N_("must be a date like 2026-12-01")


@bp.get("")
@requires("manager")
def index():
    """Residents found, the chosen resident's standing orders and pauses, and every active standing order."""
    session, query, today = read_session(), request.args.get("q", "").strip(), canteen_today()
    chosen = session.get(Resident, request.args.get("resident", 0, type=int))
    total, active = active_standing(session)
    return render_template(
        "orders/standing.html", query=query, chosen=chosen, today=today, tomorrow=today + timedelta(days=1),
        found=find_residents(session, ResidentQuery(text=query, status="active", per_page=10), today).rows
        if query else [],
        standing=standing_of(session, chosen.id) if chosen else [],
        pauses=pauses_of(session, chosen.id, today) if chosen else [], total=total, active=active,
        periods=[(p, term(MealPeriod(p))) for p in MEAL_PERIODS], channels=[(c, term(Channel(c))) for c in CHANNELS],
        day_names=[_(name) for name in DAY_NAMES], days_of=lambda bits: "、".join(
            _(DAY_NAMES[d]) for d in weekday_list(bits)), meal_name=lambda p: term(MealPeriod(p)),
        channel_name=lambda c: term(Channel(c)))


def day_field(form: MultiDict, name: str, required: bool = True) -> date | None:
    """A date from the form, or InvalidInput naming the field."""
    text = form.get(name, "").strip()
    if not text and not required:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(NOT_A_DAY, field=name, code="not_a_date") from None


def resident_field(form: MultiDict) -> int:
    """The resident the form is for."""
    try:
        return int(form.get("resident_id", ""))
    except ValueError:
        raise InvalidInput(N_("choose a resident"), field="resident_id", code="no_resident") from None


def back(resident_id: object):
    """To the resident's standing orders."""
    return redirect(url_for("standing_orders.index", resident=resident_id))


@bp.post("")
@requires("manager")
def add():
    """Make a standing order for a resident."""
    form = request.form
    try:
        days = [int(d) for d in form.getlist("weekdays") if d.isdigit()]
        given = StandingOrderIn(resident_field(form), form.get("meal_period", ""), form.get("channel", ""),
                                weekday_bits(days), day_field(form, "starts_on") or canteen_today(),
                                day_field(form, "ends_on", required=False))
        standing.create_standing_order(get_db(), given, page_actor(), utc_now(), settings().timezone, ui_language())
        flash(_("The standing order is saved: its meals are booked at each cut-off."), "ok")
    except CanteenError as exc:
        flash(exc.localised(), "error")
    return back(form.get("resident_id"))


@bp.post("/<int:standing_id>/end")
@requires("manager")
def end(standing_id: int):
    """End a standing order."""
    try:
        resident_id = standing.end_standing_order(get_db(), standing_id, page_actor(), utc_now())
        flash(_("The standing order has ended; the meals it booked stay."), "ok")
    except CanteenError as exc:
        flash(exc.localised(), "error")
        resident_id = request.form.get("resident_id", type=int) or 0
    return back(resident_id)


@bp.post("/pauses")
@requires("manager")
def pause():
    """Pause a resident's standing orders for some days."""
    form = request.form
    try:
        given = PauseIn(resident_field(form), day_field(form, "from_day") or canteen_today(),
                        day_field(form, "to_day") or canteen_today(), form.get("reason", ""))
        standing.add_pause(get_db(), given, page_actor(), utc_now(), settings().timezone)
        flash(_("Paused from %(from_day)s to %(to_day)s.", from_day=given.from_day.isoformat(),
                to_day=given.to_day.isoformat()), "ok")
    except CanteenError as exc:
        flash(exc.localised(), "error")
    return back(form.get("resident_id"))


@bp.post("/pauses/<int:pause_id>/remove")
@requires("manager")
def unpause(pause_id: int):
    """Remove a pause."""
    try:
        resident_id = standing.remove_pause(get_db(), pause_id, page_actor(), utc_now())
        flash(_("The pause is removed."), "ok")
    except CanteenError as exc:
        flash(exc.localised(), "error")
        resident_id = request.form.get("resident_id", type=int) or 0
    return back(resident_id)
