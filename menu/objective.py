"""The planner's objective: dish points plus what the week misses of its nutrition targets."""
from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

from ortools.sat.python.cp_model import IntVar, LinearExpr

from .dishes import Dish
from .nutrition import scaled_targets
from .plan import WeekPlan
from .rules import Rules

if TYPE_CHECKING:
    from .model import MenuModel

# The objective counts hundredths of a point, so that a missed nutrition target can cost its
# weight per percent pro rata, per kcal or mg missed. Rounding each miss up to a whole percent
# (as before) made the LP relaxation weak: the solver then spent seconds proving that no plan
# slips a few milligrams under a percent step. Linear, the 300-dish lunch week is proven
# optimal in about a second or two where it took over ten.
SCALE = 100


def rate(weight: int, reference: int) -> int:
    """Objective units per unit of nutrient missed: `weight` points per percent of `reference`."""
    return max(1, round(weight * 100 * SCALE / reference)) if weight > 0 else 0


def dish_score(dish: Dish, rules: Rules, history: Sequence[WeekPlan]) -> int:
    """Objective units (hundredths of a point) for serving a dish once: unpopularity, cost and recent use."""
    w = rules.weights
    points = w.popularity * round(100 * (1 - dish.popularity)) + w.cost * round(dish.cost_fen / 10)
    if dish.category not in rules.repeatable:
        for age, past in enumerate(history[:rules.recent_weeks]):
            if any(p.code == dish.code for p in past.placements):
                points += w.recency * (rules.recent_weeks - age)
                break
    return SCALE * points


def add_objective(mm: MenuModel, rules: Rules, history: Sequence[WeekPlan]) -> None:
    """Minimise dish points plus the nutrition targets' misses, each at its weight per percent."""
    model, scores = mm.model, {}
    for slot, options in mm.choices.items():
        for dish, var in options:
            if dish.code not in scores:
                scores[dish.code] = dish_score(dish, rules, history)
            if scores[dish.code]:
                mm.objective_terms.append(scores[dish.code] * var)
    every = mm.vars()
    for target in scaled_targets(rules):
        week = [(v, target.nutrient.amount(d)) for _, d, v in every]
        if target.low:
            reference = target.low * rules.days
            _shortfall_penalty(mm, [(v, -a) for v, a in week], reference, reference, rules.weights.nutrition)
        if target.high:
            reference = target.high * rules.days
            _shortfall_penalty(mm, week, -reference, reference, rules.weights.nutrition)
        if target.cap:
            for day in range(rules.days):
                on_day = [(v, target.nutrient.amount(d)) for (dd, _, _), d, v in every if dd == day]
                _shortfall_penalty(mm, on_day, -target.cap, target.cap, rules.weights.day_cap)
    model.minimize(LinearExpr.sum(mm.objective_terms))


def _shortfall_penalty(mm: MenuModel, terms: list[tuple[IntVar, int]], constant: int, reference: int,
                       weight: int) -> None:
    """Add max(0, excess) at `weight` points per percent of `reference` to the objective.

    The excess is sum(coeff * var) + constant, in the nutrient's units.
    """
    if weight <= 0 or reference <= 0:
        return
    coeffs = {v.index: c for v, c in terms}
    most, least = constant, constant  # one dish per slot: the excess lies between these
    for options in mm.choices.values():
        amounts = [coeffs.get(v.index, 0) for _, v in options] or [0]
        most, least = most + max(amounts), least + min(amounts)
    if most <= 0:  # the target can never be missed
        return
    missed = mm.model.new_int_var(max(0, least), most, "missed")
    mm.model.add(missed >= LinearExpr.weighted_sum([v for v, _ in terms], [c for _, c in terms]) + constant)
    mm.objective_terms.append(rate(weight, reference) * missed)
    mm.shortfalls.append((missed, terms, constant))


def score_plan(plan: WeekPlan, dishes: Sequence[Dish], rules: Rules,
               history: Sequence[WeekPlan] = ()) -> int:
    """The model's objective for any plan (e.g. the greedy baseline's), unknown dishes ignored."""
    by_code = {d.code: d for d in dishes}
    served = [(p.day, by_code[p.code]) for p in plan.placements if p.code in by_code]
    w = rules.weights
    points = sum(dish_score(d, rules, history) for _, d in served)
    for target in scaled_targets(rules):
        days = [sum(target.nutrient.amount(d) for day, d in served if day == n) for n in range(rules.days)]
        week = sum(days)
        if target.low:
            points += rate(w.nutrition, target.low * rules.days) * max(0, target.low * rules.days - week)
        if target.high:
            points += rate(w.nutrition, target.high * rules.days) * max(0, week - target.high * rules.days)
        if target.cap:
            points += sum(rate(w.day_cap, target.cap) * max(0, total - target.cap) for total in days)
    return points

