"""Managers' page for the US-shaped senior-nutrition report (/servicerecords/us-report) and its CSV."""
from __future__ import annotations

from flask import Blueprint, Response, render_template, request
from flask_babel import gettext as _

from pos.access import requires
from pos.canteens.services import canteen_in_use
from pos.context import canteen_today
from pos.db import read_session
from pos.i18n import ui_language
from pos.servicerecords import nutrition_report as report
from pos.servicerecords.counts import WALK_IN, Scope
from vocabulary import AgeBand

bp = Blueprint("servicerecords", __name__, url_prefix="/servicerecords")


def _chosen():
    """The report the query string asks for: month, characteristic, where pick-up counts."""
    session = read_session()
    known = report.characteristics(session)
    first, next_first = report.month_bounds(request.args.get("month"), canteen_today())
    code = report.checked_characteristic(request.args.get("characteristic"), known)
    pick_up = report.checked_pick_up(request.args.get("pickup"))
    scope = Scope(canteen_in_use(session).id, first, next_first)
    return report.nutrition_report(session, scope, code, pick_up), known


def _labels(name: str):
    """Each word of the report in the page's language."""
    words = {"all services": _("All services"), "total": _("Total"), "service": _("Service"),
             "age band": _("Age band"), "characteristic": _("Client characteristic"),
             report.CONGREGATE: _("Congregate meals"), report.HOME_DELIVERED: _("Home-delivered meals"),
             "of which walk-ins (not registered)": _("of which walk-ins (not registered)"),
             "of which pick-up": _("of which pick-up"), WALK_IN: _("Walk-ins (not registered)"),
             report.WITH: _("With: %(name)s", name=name), report.WITHOUT: _("Without: %(name)s", name=name),
             report.UNKNOWN: _("Unknown (walk-ins)"), "section": _("Section"), "group": _("Group"),
             "units of service (meals)": _("Units of service (meals)"),
             "persons served (unduplicated)": _("Persons served (unduplicated)")}
    words |= {band.value: band.label(ui_language()) for band in AgeBand}
    return lambda word: words.get(word, word)


@bp.route("/us-report")
@requires("manager")
def us_report():
    """The month's meals and persons served, congregate apart from home-delivered."""
    found, known = _chosen()
    name = known[found.characteristic][ui_language() == "en"]
    return render_template("servicerecords/us_report.html", report=found, known=known, month=found.first,
                           rows=list(report.report_rows(found, _labels(name))), english=ui_language() == "en")


@bp.route("/us-report.csv")
@requires("manager")
def us_report_csv():
    """The same report as CSV."""
    found, known = _chosen()
    name = known[found.characteristic][ui_language() == "en"]
    return Response(report.report_csv(found, _labels(name)), mimetype="text/csv",
                    headers={"Content-Disposition": f"attachment; filename=us-report-{found.first:%Y-%m}.csv"})
