"""The planner's objective: dish points plus percent shortfalls of the nutrition targets."""
from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

from ortools.sat.python.cp_model import IntVar, LinearExpr

from .dishes import Dish
from .nutrition import scaled_targets
from .plan import WeekPlan
from .rules import Rules

if TYPE_CHECKING:
    from .model import MenuModel

# Nutrition shortfalls are penalised per whole percent of the target: coarser steps than
# per mille help the solver close the gap to its bound.
PARTS = 100


def dish_score(dish: Dish, rules: Rules, history: Sequence[WeekPlan]) -> int:
    """Objective points for serving a dish once: unpopularity, cost and recent use."""
    w = rules.weights
    points = w.popularity * round(100 * (1 - dish.popularity)) + w.cost * round(dish.cost_fen / 10)
    if dish.category not in rules.repeatable:
        for age, past in enumerate(history[:rules.recent_weeks]):
            if any(p.code == dish.code for p in past.placements):
                points += w.recency * (rules.recent_weeks - age)
                break
    return points


def add_objective(mm: MenuModel, rules: Rules, history: Sequence[WeekPlan]) -> None:
    """Minimise dish points plus percent shortfalls of the nutrition targets."""
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
        for day in range(rules.days) if target.cap else ():
            on_day = [(v, target.nutrient.amount(d)) for (dd, _, _), d, v in every if dd == day]
            _shortfall_penalty(mm, on_day, -target.cap, target.cap, rules.weights.day_cap)
    model.minimize(LinearExpr.sum(mm.objective_terms))


def _shortfall_penalty(mm: MenuModel, terms: list[tuple[IntVar, int]], constant: int, reference: int,
                       weight: int) -> None:
    """Add weight x (excess / reference in percent, rounded up, at least 0) to the objective.

    The excess is sum(coeff * var) + constant.
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
    part = mm.model.new_int_var(percent(least, reference), percent(most, reference), "shortfall_parts")
    excess = LinearExpr.weighted_sum([v for v, _ in terms], [c for _, c in terms]) + constant
    mm.model.add(reference * part >= PARTS * excess)
    mm.objective_terms.append(weight * part)
    mm.shortfalls.append((part, terms, constant, reference))


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
            points += w.nutrition * percent(target.low * rules.days - week, target.low * rules.days)
        if target.high:
            points += w.nutrition * percent(week - target.high * rules.days, target.high * rules.days)
        if target.cap:
            points += sum(w.day_cap * percent(total - target.cap, target.cap) for total in days)
    return points


def percent(excess: int, reference: int) -> int:
    """ceil(PARTS * excess / reference), at least 0 (as the model's integer variable settles)."""
    return max(0, -(-PARTS * excess // reference)) if reference > 0 else 0
