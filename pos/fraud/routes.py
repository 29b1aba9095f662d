"""The fraud checks page (/fraud?month=YYYY-MM, managers): the month's findings by check, each with its evidence
and a form to mark it explained with a note; explained findings stay listed, with who explained them and why."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from pos.access import requires
from pos.canteens.services import canteen_in_use
from pos.clock import utc_now
from pos.context import canteen_today, page_actor, settings
from pos.db import get_db, read_session
from pos.errors import CanteenError, InvalidInput
from pos.fraud import checks, services
from pos.fraud.findings import AFTER_LEAVING, CARD_SURGE, CASHIER_SHARE, CLOSED_HOURS, DOUBLE_MEAL, IDENTITY_SHARE
from pos.i18n import term
from pos.statements.periods import Month, parse_month
from vocabulary import Identified, MealPeriod

bp = Blueprint("fraud", __name__, url_prefix="/fraud")


def chosen_month(text: str | None) -> Month:
    """The month asked for, or the current one."""
    if not text:
        today = canteen_today()
        return Month(today.year, today.month)
    return parse_month(text)


def fraud_page(month: Month, refused: InvalidInput | None = None, check: str = "", key: str = "", note: str = ""):
    """The month's report; after a refused explanation, its reason and the note as typed beside that finding."""
    session = read_session()
    canteen = canteen_in_use(session)
    report = services.fraud_report(session, services.scope_of(canteen, month, settings().timezone))
    return render_template("fraud/index.html", report=report, month=month, canteen=canteen, refused=refused,
                           refused_finding=(check, key), note=note, **words())


@bp.get("")
@requires("manager")
def index():
    """The month's findings, by check."""
    return fraud_page(chosen_month(request.args.get("month")))


@bp.post("/explain")
@requires("manager")
def explain():
    """Mark a finding explained with a note; without one, this page again with the reason and nothing changed."""
    form = request.form
    month = chosen_month(form.get("month"))
    check, key, note = form.get("check", ""), form.get("key", ""), form.get("note", "")
    try:
        services.explain(get_db(), None, check, key, note, page_actor(), utc_now())
    except InvalidInput as exc:
        return fraud_page(month, exc, check, key, note), 422
    except CanteenError as exc:
        flash(exc.localised(), "error")
        return redirect(url_for("fraud.index", month=month.label))
    flash(_("The finding is marked explained."), "ok")
    return redirect(url_for("fraud.index", month=month.label) + f"#{check}")

def check_title(check: str) -> str:
    """A check's name, as its heading says it."""
    return {AFTER_LEAVING: _("Meals after moving away or death"),
            DOUBLE_MEAL: _("Two subsidised meals in one meal period"),
            CARD_SURGE: _("A card used far more often than before"),
            IDENTITY_SHARE: _("Many meals settled by identity check or proxy"),
            CLOSED_HOURS: _("Subsidised meals while the canteen is closed"),
            CASHIER_SHARE: _("A cashier's subsidised share stands out")}[check]


def check_rule(check: str) -> str:
    """What a check looks for, with its thresholds (pos.fraud.checks explains why)."""
    if check == AFTER_LEAVING:
        return _("Any meal, not voided, on a day after the date a resident moved away or died.")
    if check == DOUBLE_MEAL:
        return _("Two or more subsidised meals of one resident in one meal period of one day, at any counter of "
                 "any canteen.")
    if check == CARD_SURGE:
        return _("Card meals this month at least %(factor)s times the resident's monthly average over the "
                 "%(months)s months before (counted as at least %(floor)s); residents new in that time are left out.",
                 factor=checks.CARD_FACTOR, months=checks.HISTORY_MONTHS, floor=checks.CARD_FLOOR)
    if check == IDENTITY_SHARE:
        return _("The share of meals settled by identity check or proxy at least %(factor)s times the usual share "
                 "of the %(months)s months before and %(margin)s points above it; for the canteen from %(canteen)s "
                 "such meals, for a cashier from %(staff)s.", factor=checks.SHARE_FACTOR,
                 months=checks.HISTORY_MONTHS, margin=round(checks.SHARE_MARGIN * 100),
                 canteen=checks.SHARE_MIN_CANTEEN, staff=checks.SHARE_MIN_STAFF)
    if check == CLOSED_HOURS:
        return _("Subsidised meals served more than %(grace)s minutes before their meal period opens or after it "
                 "closes.", grace=int(checks.CLOSED_GRACE.total_seconds() // 60))
    return _("A cashier with at least %(meals)s meals whose share of subsidised meals is %(margin)s points or more "
             "above the other cashiers' together.", meals=checks.CASHIER_MIN_MEALS,
             margin=round(checks.CASHIER_MARGIN * 100))


def period_name(period: str) -> str:
    """A meal period in words."""
    return term(MealPeriod(period)) if period in {p.value for p in MealPeriod} else period


def way_name(identified: str) -> str:
    """How a resident was identified, in words ("proxy" until the vocabulary has it)."""
    if identified == "proxy":
        return _("Collected by a proxy")
    return term(Identified(identified)) if identified in {i.value for i in Identified} else identified


def words() -> dict[str, object]:
    """The helpers the fraud template names things with."""
    return {"check_title": check_title, "check_rule": check_rule, "period_name": period_name, "way_name": way_name}
