"""The back office's orders page (/orders, managers): a day's booked meals by meal period, a phone booking for a
resident found by search, and cancelling until the cut-off. Standing orders have their own page
(pos.orders.standing_routes)."""
from __future__ import annotations

from datetime import date, timedelta
from uuid import uuid4

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from pos.access import requires
from pos.canteens.services import canteen_in_use
from pos.clock import local_date, utc_now
from pos.context import canteen_today, page_actor, settings
from pos.db import get_db, read_session
from pos.enrolment.directory import ResidentQuery, find_residents
from pos.errors import CanteenError, InvalidInput
from pos.i18n import term, ui_language
from pos.idempotency import RequestKey
from pos.orders import services
from pos.orders.generation import generate_day
from pos.orders.listing import booked_counts, dish_names, orders_on, shortfalls
from pos.orders.services import Booking
from vocabulary import CHANNELS, MEAL_PERIODS, Channel, MealPeriod, OrderStatus

bp = Blueprint("orders", __name__, url_prefix="/orders")


def chosen_day(text: str | None) -> date:
    """The day asked for; tomorrow (the day most bookings are for) unless one is given."""
    try:
        return date.fromisoformat(text or "")
    except ValueError:
        return canteen_today() + timedelta(days=1)


@bp.get("")
@requires("manager")
def index():
    """The day's orders by meal period, with their counts, and residents found to book for. A meal whose
    cut-off has passed gets its standing orders booked first, in case cron has not run yet (booking twice
    is impossible: a run finds what an earlier one booked)."""
    day, query = chosen_day(request.args.get("day")), request.args.get("q", "").strip()
    now, zone = utc_now(), settings().timezone
    if day >= local_date(now, zone):
        generate_day(get_db(), day, now, zone, page_actor())
    session = read_session()
    canteen = canteen_in_use(session)
    rows = orders_on(session, day)
    found = find_residents(session, ResidentQuery(text=query, status="active", per_page=10),
                           canteen_today()).rows if query else []
    periods = [(p, term(MealPeriod(p)), canteen.cutoffs[p].closes(day, zone)) for p in MEAL_PERIODS
               if p in canteen.serving_hours]
    return render_template(
        "orders/index.html", day=day, rows=rows, counts=booked_counts(rows), periods=periods, now=now,
        names=dish_names(session, [line.dish_id for order, _r in rows for line in order.lines]),
        english=ui_language() == "en", query=query, found=found, key=uuid4().hex,
        short=shortfalls(session, day, now, zone),
        channels=[(c, term(Channel(c))) for c in CHANNELS], status_name=lambda s: term(OrderStatus(s)),
        channel_name=lambda c: term(Channel(c)), previous=day - timedelta(days=1), following=day + timedelta(days=1))


@bp.post("/book")
@requires("manager")
def book():
    """Book the day's set meal for a resident; a refusal is shown above the list, nothing booked."""
    form = request.form
    day = chosen_day(form.get("day"))
    try:
        period, channel = form.get("meal_period", ""), form.get("channel", "dine_in")
        if period not in MEAL_PERIODS or channel not in CHANNELS:
            raise InvalidInput("must be one of %(choices)s", field="meal_period", choices=", ".join(MEAL_PERIODS))
        booking = Booking(int(form.get("resident_id", "0") or 0), day, period, channel)
        key = RequestKey.of({"idempotency_key": form.get("idempotency_key"), "resident_id": booking.resident_id,
                             "day": day.isoformat(), "meal_period": period, "channel": channel})
        actor = page_actor()
        answer = services.book_once(get_db(), booking, key, f"staff:{actor.staff_id}", actor, utc_now(),
                                    settings().timezone, ui_language())
        flash(_("%(name)s: %(meal)s booked for %(day)s.", name=answer.payload["resident_name"],
                meal=term(MealPeriod(period)), day=day.isoformat()), "ok")
    except (CanteenError, ValueError) as exc:
        flash(exc.localised() if isinstance(exc, CanteenError) else _("Choose a resident to book for."), "error")
    return redirect(url_for("orders.index", day=day.isoformat()))


@bp.post("/<int:order_id>/cancel")
@requires("manager")
def cancel(order_id: int):
    """Cancel a booked meal until its cut-off; after it, the refusal and nothing changed."""
    day = chosen_day(request.form.get("day"))
    try:
        order = services.cancel(get_db(), order_id, page_actor(), utc_now(), settings().timezone, ui_language())
        flash(_("%(name)s: the order is cancelled.", name=order["resident_name"]), "ok")
    except CanteenError as exc:
        flash(exc.localised(), "error")
    return redirect(url_for("orders.index", day=day.isoformat()))
