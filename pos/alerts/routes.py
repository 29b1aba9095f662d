"""The alerts page (/alerts, managers): open alerts with a form to acknowledge each, the latest acknowledged,
and the "not seen" list; acknowledging is also offered on the dashboard, which posts here."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from pos.access import requires
from pos.alerts import services
from pos.alerts.not_seen import LOOKBACK, not_seen
from pos.canteens.models import DEFAULT_NOT_SEEN_DAYS
from pos.canteens.services import main_canteen
from pos.clock import utc_now
from pos.context import canteen_today, page_actor
from pos.db import get_db, read_session
from pos.errors import CanteenError, InvalidInput
from pos.i18n import term
from vocabulary import AlertKind, MealPeriod

bp = Blueprint("alerts", __name__, url_prefix="/alerts")


def alerts_page(refused: InvalidInput | None = None, alert_id: int | None = None, note: str = ""):
    """Open and recent alerts and the not-seen list; after a refused acknowledgement, its reason and the note
    as typed beside that alert."""
    session, today = read_session(), canteen_today()
    canteen = main_canteen(session)
    days = canteen.not_seen_days if canteen else DEFAULT_NOT_SEEN_DAYS
    canteen_id = canteen.id if canteen else None
    return render_template(
        "alerts/index.html", open_alerts=services.open_alerts(session, canteen_id),
        acknowledged=services.acknowledged_alerts(session, canteen_id), today=today, not_seen_days=days,
        not_seen=not_seen(session, today, days, canteen_id), lookback=LOOKBACK, refused=refused,
        refused_id=alert_id, note=note, **words())


def dashboard_section() -> dict[str, object]:
    """What the dashboard's "needs attention" section shows: the open alerts, and the words they need."""
    canteen = main_canteen(read_session())
    return {"open_alerts": services.open_alerts(read_session(), canteen.id if canteen else None), **words()}


def words() -> dict[str, object]:
    """How the alerts' templates name an alert's kind and meal period."""
    return {"kind_name": lambda kind: term(AlertKind(kind)), "period_name": period_name}


def period_name(period: object) -> str:
    """A meal period of an alert's details in words, or as given when it is not one."""
    return term(MealPeriod(period)) if period in {p.value for p in MealPeriod} else str(period or "")


@bp.get("")
@requires("manager")
def index():
    """Alerts to act on, and residents not seen."""
    return alerts_page()


@bp.post("/<int:alert_id>/acknowledge")
@requires("manager")
def acknowledge(alert_id: int):
    """Acknowledge an alert with a note; without one, this page again with the reason and nothing changed."""
    note = request.form.get("note", "")
    try:
        done = services.acknowledge(get_db(), alert_id, note, page_actor(), utc_now())
    except InvalidInput as exc:
        return alerts_page(exc, alert_id, note), 422
    except CanteenError as exc:
        flash(exc.localised(), "error")
        return redirect(url_for("alerts.index"))
    flash(_("%(name)s: the alert is acknowledged.", name=done.name), "ok")
    back = "dashboard.index" if request.form.get("back") == "dashboard" else "alerts.index"
    return redirect(url_for(back))
