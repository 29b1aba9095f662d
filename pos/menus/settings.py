"""The canteen's planning rules: the manager's stored settings applied on top of the planner's defaults."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

import menu
from menu import SET_MEALS, STANDARD, Allergen, Budget, CountRule, KitchenLimit
from pos.auth.models import User
from pos.clock import as_utc, utc_now
from pos.db import Database
from pos.menus.models import MenuRules
from pos.menus.rule_form import WEIGHT_LABELS, check_form, form_text
from vocabulary import MealPeriod

ROW = 1  # one row: like the weeks and the dishes, the rules belong to the one canteen this server runs
SAME_NAMED = ("repeat_limit", "rotation_weeks", "distinct_main_ingredient", "coarse_staple_daily", "coarse_lunch_days",
              "dark_leafy_daily", "soft_protein", "low_salt_per_meal", "exclude_spicy")
COUNTS = {"fish_at_least": ("group:fish", "minimum"), "soy_at_least": ("group:soy", "minimum"),
          "fried_at_most": ("method:fry", "maximum")}


def default_rules(periods: tuple[MealPeriod, ...]) -> menu.Rules:
    """The planner's defaults (DOMAIN.md) for a week serving `periods`."""
    return menu.Rules(templates=tuple(menu.set_meal(p) for p in periods))


def load_rules(session: Session, periods: tuple[MealPeriod, ...]) -> menu.Rules:
    """The canteen's rules for a week serving `periods`: the stored settings, the defaults where none are."""
    row = session.get(MenuRules, ROW)
    rules = default_rules(periods)
    return rules if row is None else applied(row.settings, rules)


def applied(document: Mapping[str, Any], rules: menu.Rules) -> menu.Rules:
    """`rules` with a stored settings document in place (a key the document lacks keeps its default)."""
    changes: dict[str, Any] = {name: document[name] for name in SAME_NAMED if name in document}
    if "excluded_allergens" in document:
        changes["excluded_allergens"] = frozenset(Allergen(a) for a in document["excluded_allergens"])
    budgets, kitchen = dict(rules.budgets), dict(rules.kitchen)
    for p in MealPeriod:
        if f"{p.value}_budget_average_fen" in document:
            budgets[p] = Budget(document[f"{p.value}_budget_average_fen"], document[f"{p.value}_budget_cap_fen"])
        if f"{p.value}_wok_minutes" in document:
            kitchen[p] = KitchenLimit(document[f"{p.value}_wok_minutes"], document[f"{p.value}_prep_minutes"])
    weights = {name: document[f"weight_{name}"] for name in WEIGHT_LABELS if f"weight_{name}" in document}
    return replace(rules, **changes, templates=chosen(document, rules.templates), budgets=budgets, kitchen=kitchen,
                   weights=replace(rules.weights, **weights), weekly_counts=counted(document, rules.weekly_counts))


def chosen(document: Mapping[str, Any], templates: tuple[menu.MealTemplate, ...]) -> tuple[menu.MealTemplate, ...]:
    """Each period's template as the set meal the manager chose (a name no longer on the list: the standard)."""
    return tuple(menu.set_meal(t.period, document[f"{t.period.value}_set_meal"])
                 if f"{t.period.value}_set_meal" in document else t for t in templates)


def counted(document: Mapping[str, Any], counts: tuple[CountRule, ...]) -> tuple[CountRule, ...]:
    """The weekly counts with the manager's fish, soy and fried-dish bounds (blank drops that bound)."""
    out = list(counts)
    for name, (selector, bound) in COUNTS.items():
        if name in document:
            at = next((i for i, r in enumerate(out) if r.selector == selector), len(out))
            rule = replace(out[at] if at < len(out) else CountRule(selector), **{bound: document[name]})
            out[at:at + 1] = [rule] if rule.minimum is not None or rule.maximum is not None else []
    return tuple(out)


def document_of(rules: menu.Rules) -> dict[str, Any]:
    """The settings document that `rules` amount to: what the form shows."""
    document: dict[str, object] = {name: getattr(rules, name) for name in SAME_NAMED}
    for name, (selector, bound) in COUNTS.items():
        document[name] = next((getattr(r, bound) for r in rules.weekly_counts if r.selector == selector), None)
    document["excluded_allergens"] = [a.value for a in Allergen if a in rules.excluded_allergens]
    for p in MealPeriod:
        template = rules.template(p)
        document[f"{p.value}_set_meal"] = next((name for name, meal in SET_MEALS[p].items()
                                                if meal.template == template), STANDARD)
        budget, kitchen = rules.budgets.get(p), rules.kitchen.get(p)
        document[f"{p.value}_budget_average_fen"] = budget.average_fen if budget else None
        document[f"{p.value}_budget_cap_fen"] = budget.cap_fen if budget else None
        document[f"{p.value}_wok_minutes"] = kitchen.wok_minutes if kitchen else None
        document[f"{p.value}_prep_minutes"] = kitchen.prep_minutes if kitchen else None
    document.update({f"weight_{name}": getattr(rules.weights, name) for name in WEIGHT_LABELS})
    return document


def rules_form_values(session: Session, defaults: bool = False) -> dict[str, Any]:
    """The form's values: the canteen's rules as they stand, or the planner's defaults."""
    periods = tuple(MealPeriod)
    return form_text(document_of(default_rules(periods) if defaults else load_rules(session, periods)))


def last_saved(session: Session, zone: str) -> tuple[datetime, str] | None:
    """When the rules were last saved, in the canteen's time, and by whom; None while they are the defaults."""
    row = session.get(MenuRules, ROW)
    if row is None:
        return None
    user = session.get(User, row.updated_by) if row.updated_by is not None else None
    local = as_utc(row.updated_at).astimezone(ZoneInfo(zone))
    return local, user.display_name if user else ""


def save_rules(db: Database, values: Mapping[str, Any], user_id: int | None) -> None:
    """Check every field of the rules form and store them; a bad field raises InvalidInput and changes nothing."""
    document = check_form(values)
    try:
        _store(db, document, user_id)
    except IntegrityError:  # another manager saved the very first rules at the same moment: save over them
        _store(db, document, user_id)


def _store(db: Database, document: dict[str, object], user_id: int | None) -> None:
    with db.unit_of_work() as session:
        row = session.get(MenuRules, ROW, with_for_update=True)
        if row is None:
            session.add(MenuRules(id=ROW, settings=document, updated_by=user_id))
        else:
            row.settings, row.updated_at, row.updated_by = document, utc_now(), user_id
