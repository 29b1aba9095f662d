"""The manager's planning rules page at /menu/rules: the rules the planner and the checker use, as a form."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from menu import SET_MEALS, Allergen
from pos import context
from pos.access import requires
from pos.db import get_db, read_session
from pos.errors import InvalidInput
from pos.i18n import ui_language
from pos.menus import settings
from pos.menus.rule_form import BY_NAME, PERIOD_LABELS, WEIGHT_LABELS
from vocabulary import MealPeriod

bp = Blueprint("menu_rules", __name__, url_prefix="/menu/rules")


def submitted() -> dict[str, object]:
    """The form's fields as posted, the allergen checkboxes as a list."""
    values: dict[str, object] = {**request.form.to_dict()}
    values["excluded_allergens"] = request.form.getlist("excluded_allergens")
    return values


def rules_page(values: dict[str, object], error: InvalidInput | None = None, defaults: bool = False):
    """The form with `values` and, after a refused save, the reason beside its field."""
    locale = ui_language()
    return render_template("menus/rules.html", values=values, error=error, defaults=defaults, fields=BY_NAME,
                           saved=settings.last_saved(read_session(), context.settings().timezone),
                           periods=list(PERIOD_LABELS.items()),
                           weights=[f"weight_{name}" for name in WEIGHT_LABELS],
                           allergens=[(a.value, a.label(locale)) for a in Allergen],
                           set_meals=[(f"{p.value}_set_meal", [(name, meal.label(locale))
                                                               for name, meal in SET_MEALS[p].items()])
                                      for p in MealPeriod])


@bp.get("")
@requires("manager")
def page():
    """The canteen's planning rules, each with its current value (or the planner's defaults, ?defaults=1)."""
    defaults = request.args.get("defaults") == "1"
    return rules_page(settings.rules_form_values(read_session(), defaults=defaults), defaults=defaults)


@bp.post("")
@requires("manager")
def save():
    """Store the rules; a bad value shows the form again, as entered, with the reason beside the field."""
    values = submitted()
    try:
        settings.save_rules(get_db(), values, current_user.id)
    except InvalidInput as exc:
        return rules_page(values, exc), 422
    flash(_("Planning rules saved. The next plan and every check of the menu use them."), "ok")
    return redirect(url_for("menu_rules.page"))
