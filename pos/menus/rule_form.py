"""The planning rules a manager may change, as one form: its fields in order, checked together."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from menu import SET_MEALS
from pos.errors import InvalidInput
from pos.i18n import lazy_term
from pos.i18n import lazy_text as _l
from pos.menus.rule_fields import Field
from vocabulary import MealPeriod
from vocabulary.money import format_fen

PERIOD_LABELS = {period: lazy_term(period) for period in MealPeriod}
WEIGHT_LABELS = {"popularity": _l("Weight of popular dishes"), "cost": _l("Weight of food cost"),
                 "recency": _l("Weight of not repeating recent weeks"), "nutrition": _l("Weight of nutrition targets"),
                 "day_cap": _l("Weight of each day's nutrition cap")}


def per_period(period: MealPeriod) -> tuple[Field, ...]:
    """A meal period's food-cost budget (yuan, up to 500) and kitchen minutes (up to 600)."""
    p, name = period.value, PERIOD_LABELS[period]
    return (Field(f"{p}_budget_average", _l("%(period)s food cost, weekly average", period=name), "yuan", 1, 50000),
            Field(f"{p}_budget_cap", _l("%(period)s food cost, any one meal", period=name), "yuan", 1, 50000),
            Field(f"{p}_wok_minutes", _l("%(period)s wok minutes", period=name), "whole", 0, 600),
            Field(f"{p}_prep_minutes", _l("%(period)s preparation minutes", period=name), "whole", 0, 600))


FIELDS = (
    *(Field(f"{p.value}_set_meal", _l("%(period)s set meal", period=PERIOD_LABELS[p]), "choice",
            choices=tuple(SET_MEALS[p])) for p in MealPeriod),
    Field("repeat_limit", _l("Times one staple, soup or porridge may be served in a week"), "whole", 1, 3),
    Field("rotation_weeks", _l("Weeks before a dish may return on the same weekday"), "whole", 0, 4),
    Field("distinct_main_ingredient", _l("Each meal's dishes have different main ingredients"), "flag"),
    Field("coarse_staple_daily", _l("A coarse-grain staple every day"), "flag"),
    Field("coarse_lunch_days", _l("Lunches with a coarse-grain staple, days a week"), "whole", 0, 7),
    Field("dark_leafy_daily", _l("A dark leafy vegetable every day"), "flag"),
    Field("soft_protein", _l("A soft meat, egg or tofu dish at every meal"), "flag"),
    Field("low_salt_per_meal", _l("Low-salt dishes at every meal"), "whole", 0, 3),
    Field("fish_at_least", _l("Fish dishes a week, at least"), "count", 0, 21),
    Field("soy_at_least", _l("Soy dishes a week, at least"), "count", 0, 21),
    Field("fried_at_most", _l("Fried dishes a week, at most"), "count", 0, 21),
    Field("excluded_allergens", _l("Allergens left out of the menu"), "allergens"),
    Field("exclude_spicy", _l("No spicy dishes"), "flag"),
    *(f for period in MealPeriod for f in per_period(period)),
    *(Field(f"weight_{name}", label, "whole", 0, 100) for name, label in WEIGHT_LABELS.items()),
)
BY_NAME = {f.name: f for f in FIELDS}


def check_form(values: Mapping[str, object]) -> dict[str, Any]:
    """Every field of the form as the stored document; InvalidInput on the first bad one."""
    document: dict[str, Any] = {f.key: f.parse(values.get(f.name, "")) for f in FIELDS}
    for period in MealPeriod:
        average, cap = document[f"{period.value}_budget_average_fen"], document[f"{period.value}_budget_cap_fen"]
        if cap < average:
            raise InvalidInput("%(name)s must be at least the weekly average, %(average)s yuan",
                               field=f"{period.value}_budget_cap", name=BY_NAME[f"{period.value}_budget_cap"].label,
                               average=format_fen(average))
    return document


def form_text(document: Mapping[str, object]) -> dict[str, object]:
    """The stored document as the form shows it."""
    return {f.name: f.text(document.get(f.key)) for f in FIELDS}
