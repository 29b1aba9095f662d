"""Nutrition targets scaled to the planned meal periods, and the shortfalls of a plan."""
from __future__ import annotations

from dataclasses import dataclass

from .dishes import Dish
from .plan import WeekPlan
from .problems import Problem, soft
from .rules import Nutrient, Rules


@dataclass(frozen=True)
class ScaledTarget:
    """A nutrient's range per day for the planned periods, in integer units (see Nutrient.amount)."""

    nutrient: Nutrient
    low: int | None
    high: int | None
    cap: int | None

    def show(self, units: int) -> float:
        """Integer units back to displayed units (g, kcal, mg)."""
        return units / self.nutrient.scale


def scaled_targets(rules: Rules) -> list[ScaledTarget]:
    """Each target times the planned periods' share of a day, as integer units."""
    share = rules.share()

    def scale(value: float | None, nutrient: Nutrient) -> int | None:
        return None if value is None else round(value * share * nutrient.scale)

    return [ScaledTarget(t.nutrient, scale(t.daily_min, t.nutrient), scale(t.daily_max, t.nutrient),
                         scale(t.day_cap, t.nutrient)) for t in rules.nutrition]


def day_totals(plan: WeekPlan, dishes: dict[str, Dish], nutrient: Nutrient, days: int) -> list[int]:
    """Per-day totals of a nutrient over the plan's known dishes."""
    totals = [0] * days
    for placement in plan.placements:
        dish = dishes.get(placement.code)
        if dish is not None and 0 <= placement.day < days:
            totals[placement.day] += nutrient.amount(dish)
    return totals


def nutrition_problems(plan: WeekPlan, dishes: dict[str, Dish], rules: Rules) -> list[Problem]:
    """Soft shortfalls: weekly averages outside their range, days above their cap."""
    out: list[Problem] = []
    for target in scaled_targets(rules):
        totals = day_totals(plan, dishes, target.nutrient, rules.days)
        total, n = sum(totals), rules.days
        if target.low is not None and total < target.low * n:
            out.append(soft("nutrient_low", nutrient=target.nutrient,
                            average=target.show(total) / n, target=target.show(target.low)))
        if target.high is not None and total > target.high * n:
            out.append(soft("nutrient_high", nutrient=target.nutrient,
                            average=target.show(total) / n, target=target.show(target.high)))
        for day, amount in enumerate(totals):
            if target.cap is not None and amount > target.cap:
                out.append(soft("nutrient_day_cap", nutrient=target.nutrient, day=day,
                                amount=target.show(amount), cap=target.show(target.cap)))
    return out
