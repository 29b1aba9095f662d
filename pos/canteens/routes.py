"""The canteen's settings page (/settings, admins), and the canteen's name as every page shows it."""
from __future__ import annotations

from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from pos.access import requires
from pos.canteens.services import canteen_name
from pos.canteens.settings import (
    CanteenSettings,
    SettingsIn,
    SettingsRefused,
    change_settings,
    current_settings,
    cutoff_field,
    period_field,
)
from pos.context import page_actor, settings
from pos.db import get_db, read_session
from pos.i18n import term
from vocabulary import MealPeriod

bp = Blueprint("canteens", __name__)


class CanteenOnPage:
    """The canteen as a page shows it, read from its record the first time the page asks (once a request, and
    never on a page about a broken database, which shows `fallback_name`, the environment's)."""

    def __init__(self, fallback_name: str) -> None:
        self.fallback_name = fallback_name
        self._name: str | None = None

    @property
    def name(self) -> str:
        """The canteen's name from its record."""
        if self._name is None:
            self._name = canteen_name(read_session(), self.fallback_name)
        return self._name


@bp.app_context_processor
def canteen_on_page() -> dict[str, CanteenOnPage]:
    """`this_canteen` in every template."""
    if "canteen_on_page" not in g:
        g.canteen_on_page = CanteenOnPage(settings().canteen_name)
    return {"this_canteen": g.canteen_on_page}


def environment_defaults() -> CanteenSettings:
    """The settings a canteen starts with: CANTEEN_NAME, CANTEEN_HOURS and CANTEEN_PRINTER."""
    config = settings()
    return CanteenSettings(config.canteen_name, "", "", dict(config.hours), "", config.printer, "", True)


def form_values(current: CanteenSettings) -> dict[str, object]:
    """The form's fields showing the stored settings."""
    values: dict[str, object] = {**current.stored(), "sale_needs_shift": current.sale_needs_shift,
                                 "not_seen_days": str(current.not_seen_days)}
    for period in MealPeriod:
        span = current.hours.get(period.value)
        values[period_field(period.value)] = f"{span[0]:%H:%M}-{span[1]:%H:%M}" if span else ""
        cutoff = current.order_cutoffs[period.value]
        values[cutoff_field(period.value)] = f"{cutoff.at:%H:%M}"
        values[cutoff_field(period.value) + "_day"] = str(cutoff.days_before)
    return values


def submitted() -> SettingsIn:
    """The posted form as the settings service takes it."""
    form = request.form
    return SettingsIn(name=form.get("name", ""), address=form.get("address", ""), phone=form.get("phone", ""),
                      hours={p.value: form.get(period_field(p.value), "") for p in MealPeriod},
                      receipt_footer=form.get("receipt_footer", ""), printer=form.get("printer", ""),
                      public_base_url=form.get("public_base_url", ""),
                      sale_needs_shift=form.get("sale_needs_shift") in ("1", "on"),
                      order_cutoffs={p.value: f"{form.get(cutoff_field(p.value) + '_day', '0')}@"
                                              f"{form.get(cutoff_field(p.value), '')}" for p in MealPeriod},
                      not_seen_days=form.get("not_seen_days", ""))


def settings_page(values: dict[str, object], refused: SettingsRefused | None = None):
    """The form with `values` and, after a refused save, each refused field's reason beside it."""
    return render_template("canteens/settings.html", values=values,
                           problems=refused.problems if refused else {},
                           periods=[(period_field(p.value), term(p)) for p in MealPeriod],
                           cutoffs=[(cutoff_field(p.value), term(p)) for p in MealPeriod],
                           request_base=request.url_root)


@bp.get("/settings")
@requires("admin")
def page():
    """The canteen's settings as they stand."""
    return settings_page(form_values(current_settings(read_session(), environment_defaults())))


@bp.post("/settings")
@requires("admin")
def save():
    """Store the settings; any refused field shows the form again as entered, with nothing stored."""
    try:
        changed = change_settings(get_db(), submitted(), page_actor())
    except SettingsRefused as exc:
        values: dict[str, object] = {**request.form.to_dict(),
                                     "sale_needs_shift": request.form.get("sale_needs_shift") in ("1", "on")}
        return settings_page(values, exc), 422
    flash(_("Settings saved.") if changed else _("Nothing was changed."), "ok")
    return redirect(url_for("canteens.page"))
