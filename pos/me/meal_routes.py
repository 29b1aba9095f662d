"""Booking meals on /me (订餐, phone layout): the next week's meals of a resident, booked or cancelled until each
one's cut-off, by the resident themself or a family member linked to them. Open to the access layer (@public):
each view checks the /me sign-in, and who it may act for, itself."""
from __future__ import annotations

from datetime import date
from uuid import uuid4

from babel.dates import format_skeleton
from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _

from pos.access import public
from pos.clock import utc_now
from pos.context import settings
from pos.db import get_db, read_session
from pos.errors import CanteenError, Forbidden, InvalidInput
from pos.i18n import term, ui_language
from pos.idempotency import RequestKey
from pos.ledger.posting import wallet_of
from pos.me import booking
from pos.me.holder import check_acts_for
from pos.me.meals import meal_days
from pos.me.session import holder_required
from pos.orders.services import Booking
from pos.residents.records import get_resident
from pos.sales.orders import OrderItem
from vocabulary import CHANNELS, MEAL_PERIODS, Channel, MealPeriod

bp = Blueprint("me_meals", __name__, url_prefix="/me")


def meal_words() -> dict:
    """The pages' names of days, meal periods and channels, in the request's language (12月2日周三, Wed, Dec 2)."""
    return {"period_name": lambda p: term(MealPeriod(p)), "channel_name": lambda c: term(Channel(c)),
            "day_name": lambda d: format_skeleton("MMMEd", d, locale=get_locale())}


@bp.get("/residents/<int:resident_id>/meals")
@public
@holder_required
def meals(resident_id: int):
    """The next week's meals with a published menu: the set meal, its expected price, book or cancel."""
    session = read_session()
    check_acts_for(session, g.holder, resident_id)
    resident = get_resident(session, resident_id)
    return render_template(
        "me/meals.html", resident=resident, balance_fen=wallet_of(session, resident_id).balance_fen,
        days=meal_days(session, resident_id, utc_now(), settings().timezone, ui_language()), key=uuid4().hex,
        channels=[(c, term(Channel(c))) for c in CHANNELS], **meal_words())


@bp.post("/residents/<int:resident_id>/meals")
@public
@holder_required
def book(resident_id: int):
    """Book a meal's set meal; a refusal (closed, already booked) shows above the meals and nothing is booked."""
    form = request.form
    try:
        period, channel = form.get("meal_period", ""), form.get("channel", "dine_in")
        if period not in MEAL_PERIODS:
            raise InvalidInput("must be one of %(choices)s", field="meal_period", choices=", ".join(MEAL_PERIODS))
        if channel not in CHANNELS:
            raise InvalidInput("must be one of %(choices)s", field="channel", choices=", ".join(CHANNELS))
        day = _day(form.get("day"))
        key = RequestKey.of({"idempotency_key": form.get("idempotency_key"), "resident_id": resident_id,
                             "day": day.isoformat(), "meal_period": period, "channel": channel})
        booking.book_meal(get_db(), g.holder, Booking(resident_id, day, period, channel, chosen_dishes(form)), key,
                          utc_now(), settings().timezone, ui_language())
        flash(_("%(meal)s on %(day)s is booked.", meal=term(MealPeriod(period)), day=day.isoformat()), "ok")
    except Forbidden:
        raise  # another resident's meals: the refusal page, nothing written
    except CanteenError as exc:
        flash(exc.localised(), "error")
    return redirect(url_for("me_meals.meals", resident_id=resident_id))


def chosen_dishes(form) -> tuple[OrderItem, ...]:
    """The dishes ticked, one portion each; every dish offered (or a form without the choice): the set meal."""
    try:
        chosen = {int(x) for x in form.getlist("dish")}
        offered = {int(x) for x in form.getlist("offered")}
    except ValueError:
        raise InvalidInput("must be dishes of the meal", field="items") from None
    if not offered or chosen == offered:
        return ()
    if not chosen:
        raise InvalidInput("tick at least one dish", field="items")
    return tuple(OrderItem(dish_id, 1) for dish_id in sorted(chosen))


@bp.post("/orders/<int:order_id>/cancel")
@public
@holder_required
def cancel(order_id: int):
    """Cancel a booked meal until its cut-off; after it, the refusal and nothing changed."""
    resident_id = booking.order_resident(read_session(), order_id)
    try:
        booking.cancel_meal(get_db(), read_session(), g.holder, order_id, utc_now(), settings().timezone,
                            ui_language())
        flash(_("The meal is cancelled; it costs nothing."), "ok")
    except Forbidden:
        raise
    except CanteenError as exc:
        flash(exc.localised(), "error")
    return redirect(url_for("me_meals.meals", resident_id=resident_id))


def _day(text: str | None) -> date:
    try:
        return date.fromisoformat(text or "")
    except ValueError:
        raise InvalidInput("must be a date like 2026-11-28", field="day") from None
