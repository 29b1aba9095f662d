"""The delivery pages: the manager's runs of a meal (/deliveries) with riders, moves, dispatch, run sheets and late
deliveries; the rider's own runs on their phone (/deliver), each stop marked with one tap."""
from __future__ import annotations

from datetime import date

from flask import Blueprint, Response, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from pos.access import requires
from pos.auth.models import User
from pos.clock import clock_time, utc_now
from pos.context import canteen_today, page_actor, settings
from pos.db import get_db, read_session
from pos.delivery import listing, outcomes, runs, sheet
from pos.errors import CanteenError
from pos.i18n import term, ui_language
from vocabulary import MEAL_PERIODS, DeliveryOutcome, MealPeriod

bp = Blueprint("delivery", __name__)


def chosen() -> tuple[date, str]:
    """The day (today unless asked) and the meal (lunch unless asked) of the page."""
    try:
        day = date.fromisoformat(request.values.get("day", ""))
    except ValueError:
        day = canteen_today()
    period = request.values.get("meal_period", "lunch")
    return day, period if period in MEAL_PERIODS else "lunch"


def back(day: date, period: str):
    return redirect(url_for("delivery.index", day=day.isoformat(), meal_period=period))


@bp.get("/deliveries")
@requires("manager")
def index():
    """The meal's runs with their stops, the riders to give them to, and the deliveries over two hours."""
    day, period = chosen()
    session, now = read_session(), utc_now()
    the_runs = listing.runs_on(session, day, period, now, settings().timezone)
    riders = session.scalars(select(User).where(User.active, User.role == "rider").order_by(User.display_name)).all()
    return render_template("delivery/index.html", day=day, period=period, runs=the_runs, riders=riders,
                           late=listing.late_deliveries(the_runs, now), periods=[(p, term(MealPeriod(p)))
                                                                                  for p in MEAL_PERIODS],
                           outcome_name=lambda o: term(DeliveryOutcome(o)) if o else "",
                           term_meal=lambda p: term(MealPeriod(p)),
                           needs=lambda resident: listing.needs_text(resident, ui_language()))


def act(action) -> Response:
    """Run one manager action on the page's meal, then show the page again with what happened."""
    day, period = chosen()
    try:
        message = action(day, period)
        if message:
            flash(message, "ok")
    except CanteenError as exc:
        flash(exc.localised(), "error")
    except ValueError:
        flash(_("Choose a run and a position."), "error")
    return back(day, period)


@bp.post("/deliveries/plan")
@requires("manager")
def plan():
    """Put the meal's delivery orders on runs by area."""
    def step(day, period):
        done = runs.plan_runs(get_db(), day, period, page_actor(), utc_now())
        return _("%(added)s orders put on %(runs)s runs.", added=done["added"], runs=done["runs"])
    return act(step)


@bp.post("/deliveries/runs/<int:run_id>/rider")
@requires("manager")
def rider(run_id: int):
    """Give a run to a rider."""
    def step(day, period):
        runs.assign_rider(get_db(), run_id, int(request.form.get("rider_id", "0") or 0), page_actor(), utc_now())
        return _("The run has its rider.")
    return act(step)


@bp.post("/deliveries/runs/<int:run_id>/dispatch")
@requires("manager")
def dispatch(run_id: int):
    """Send a run out now."""
    return act(lambda d, p: _("Sent out at %(time)s.", time=clock_time(
        runs.dispatch(get_db(), run_id, page_actor(), utc_now()), settings().timezone)))


@bp.post("/deliveries/stops/<int:stop_id>/move")
@requires("manager")
def move(stop_id: int):
    """Move a stop to another run, or to another place on its run."""
    def step(day, period):
        runs.move_stop(get_db(), stop_id, int(request.form.get("run_id", "")), int(request.form.get("position", "1")),
                       page_actor(), utc_now())
        return _("The stop is moved.")
    return act(step)


@bp.get("/deliveries/runs/<int:run_id>/sheet.pdf")
@requires("manager")
def run_sheet(run_id: int):
    """A run's sheet for the rider: stops in order, address, phone, needs, payable, a column to sign."""
    words = (_("Rider"), "#", _("Resident"), _("Address"), _("Phone"), _("Needs"), _("To pay"), _("Signature"))
    pdf = sheet.run_sheet_pdf(read_session(), run_id, utc_now(), settings().timezone, ui_language(), words)
    return Response(pdf, mimetype="application/pdf",
                    headers={"Content-Disposition": f'inline; filename="run-{run_id}.pdf"'})


@bp.get("/deliver")
@requires("rider")
def rider_page():
    """The rider's runs of today, stop by stop, with a button for each outcome (phone layout)."""
    session, now = read_session(), utc_now()
    mine = listing.runs_on(session, canteen_today(), None, now, settings().timezone, rider_id=current_user.id)
    return render_template("delivery/rider.html", runs=mine, outcomes=[(o.value, term(o)) for o in DeliveryOutcome],
                           outcome_name=lambda o: term(DeliveryOutcome(o)) if o else "",
                           term_meal=lambda p: term(MealPeriod(p)),
                           needs=lambda resident: listing.needs_text(resident, ui_language()))


@bp.post("/deliver/stops/<int:stop_id>")
@requires("rider")
def mark(stop_id: int):
    """Mark a stop; a tap sent again after a lost answer gets the same result, nothing twice. The page's script asks
    for JSON and shows the outcome in place; a plain form post is sent back to the page."""
    position = request.form.get("position", "")
    try:
        done = outcomes.mark_stop(get_db(), stop_id, request.form.get("outcome", ""), current_user, utc_now(),
                                  settings().timezone, ui_language())
    except CanteenError as exc:
        if wants_json():
            return jsonify({"message": exc.localised(), "code": exc.code}), exc.status
        flash(exc.localised(), "error")
        return redirect(url_for("delivery.rider_page") + f"#stop-{stop_id}")
    outcome = term(DeliveryOutcome(done["outcome"]))
    message = (_("Stop %(n)s: %(outcome)s.", n=position, outcome=outcome) if done["receipt_no"] is None else
               _("Stop %(n)s: %(outcome)s, receipt %(receipt)s.", n=position, outcome=outcome,
                 receipt=done["receipt_no"]))
    if wants_json():
        return jsonify({"message": message, "outcome": done["outcome"], "outcome_label": outcome,
                        "time": clock_time(done["outcome_at"], settings().timezone), "replayed": done["replayed"]})
    flash(message, "ok")
    return redirect(url_for("delivery.rider_page") + f"#stop-{stop_id}")


def wants_json() -> bool:
    return request.accept_mimetypes.best == "application/json"
