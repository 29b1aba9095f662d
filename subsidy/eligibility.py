"""Who a rule applies to: status, age band, categories, meal period, channel."""
from __future__ import annotations

from datetime import date

from .ages import age_on
from .facts import Meal, ResidentFacts
from .model import Rule


def may_be_subsidised(resident: ResidentFacts, day: date) -> bool:
    """False after a move or death: status_date is the last day that still counts."""
    if resident.status == "active":
        return True
    # A non-active status without a date gives nothing: we cannot tell when it ended.
    return resident.status_date is not None and day <= resident.status_date


def rule_matches(rule: Rule, resident: ResidentFacts, meal: Meal, day: date) -> bool:
    """True if the resident and meal meet every condition of the rule on `day`."""
    age = age_on(resident.birth_date, day)
    return ((rule.age_min is None or age >= rule.age_min)
            and (rule.age_max is None or age < rule.age_max)
            and (not rule.categories or _has_category(resident, rule.categories, day))
            and meal.period in rule.meal_periods
            and meal.channel in rule.channels)


def _has_category(resident: ResidentFacts, codes: frozenset[str], day: date) -> bool:
    """True if any grant with one of the codes is valid on `day`."""
    return any(g.code in codes and g.valid_on(day) for g in resident.categories)
