"""Why no plan exists: counting checks of each rule against the catalog, then relaxing rule families."""
from __future__ import annotations

from math import ceil
from typing import Callable, Sequence

from ortools.sat.python import cp_model

from vocabulary import MealPeriod

from .dishes import Dish
from .families import CountFamily, Family, RuleFamily
from .labels import Category, FoodGroup
from .model import build_model
from .plan import WeekPlan
from .problems import DishName, Problem, no_plan
from .rules import MealTemplate, Pin, Role, Rules
from .solver import solve

Pool = list[Dish]


def precheck(dishes: Sequence[Dish], rules: Rules, *, pins: Sequence[Pin] = ()) -> list[Problem]:
    """Rules the catalog cannot meet by counting alone, in the manager's words."""
    return [*_pin_reasons(dishes, rules, pins), *_role_reasons(dishes, rules),
            *_meal_reasons(dishes, rules), *_coarse_reasons(dishes, rules),
            *_dark_leafy_reasons(dishes, rules), *_count_reasons(dishes, rules),
            *_cost_reasons(dishes, rules)]


def fitting(dishes: Sequence[Dish], rules: Rules, period: MealPeriod, role: Role) -> Pool:
    """Dishes that may fill `role` at `period` (category, period, exclusions, season)."""
    return [d for d in dishes if role.accepts(d) and period in d.periods and rules.allows(d)]


def _slots(rules: Rules):
    """Every (period, role) of the planned templates."""
    return [(t.period, r) for t in rules.templates for r in t.roles]


def _servable(dishes: Sequence[Dish], rules: Rules, period: MealPeriod | None = None) -> Pool:
    """Dishes that fit some role (at `period`, or at any planned period)."""
    return [d for d in dishes if any(d in fitting([d], rules, p, r) for p, r in _slots(rules)
                                     if period is None or p == period)]


def capacity(pool: Pool, rules: Rules, per_day: int | None = None) -> int:
    """Most servings the pool can give in a week (each dish within its own limit)."""
    total = sum(rules.max_servings(d) for d in pool)
    return total if per_day is None else min(total, per_day * rules.days)


def _per(rules: Rules, categories: frozenset[Category]) -> int:
    """Weekly servings one dish of these categories may have."""
    return min(rules.repeat_limit, (rules.days + 1) // 2) if categories & rules.repeatable else 1


def _pin_reasons(dishes: Sequence[Dish], rules: Rules, pins: Sequence[Pin]) -> list[Problem]:
    by_code = {d.code: d for d in dishes}
    out = []
    for pin in pins:
        where = {"day": pin.day, "period": pin.period, "role": pin.role}
        dish, template = by_code.get(pin.code), rules.template(pin.period)
        roles = {r.name: r for r in template.roles} if template else {}
        if dish is None:
            out.append(no_plan("pin_unknown_dish", **where, code=pin.code))
        elif template and pin.role not in roles:  # pinned before the canteen chose another set meal
            out.append(no_plan("pin_not_in_set_meal", **where, dish=DishName(dish.name, dish.name_en)))
        elif pin.role not in roles or not fitting([dish], rules, pin.period, roles[pin.role]):
            out.append(no_plan("pin_not_allowed", **where, dish=DishName(dish.name, dish.name_en)))
    return out


def _role_reasons(dishes: Sequence[Dish], rules: Rules) -> list[Problem]:
    """Enough dishes for each role, and for roles of one category sharing a pool across periods."""
    out = []
    groups: dict[frozenset[Category], list[tuple[MealPeriod, Role]]] = {}
    for period, role in _slots(rules):
        groups.setdefault(role.categories, []).append((period, role))
    for categories, slots in groups.items():
        pool = {d.code: d for p, r in slots for d in fitting(dishes, rules, p, r)}
        need_servings, per = rules.days * len(slots), _per(rules, categories)
        if capacity(list(pool.values()), rules) < need_servings:
            need = ceil(need_servings / per)
            out.append(no_plan("too_few_dishes", period=sorted({p for p, _ in slots}, key=list(MealPeriod).index),
                               categories=sorted(categories), have=len(pool), need=need,
                               add=need - len(pool)))
    return out


def _meal_reasons(dishes: Sequence[Dish], rules: Rules) -> list[Problem]:
    """Per meal period: protein and vegetable roles, enough soft protein and low-salt dishes."""
    out = []
    for template in rules.templates:
        period, cats = template.period, frozenset().union(*(r.categories for r in template.roles))
        if rules.protein_and_vegetable and not cats & {Category.MEAT, Category.HALF_MEAT, Category.TOFU_EGG}:
            out.append(no_plan("template_lacks", period=period, what=Category.MEAT))
        if rules.protein_and_vegetable and Category.VEGETABLE not in cats:
            out.append(no_plan("template_lacks", period=period, what=Category.VEGETABLE))
        pool = _servable(dishes, rules, period)
        checks = [("too_few_soft_protein", rules.soft_protein, lambda d: d.protein_dish and d.soft, 1),
                  ("too_few_low_salt", True, lambda d: d.low_salt, rules.low_salt_per_meal)]
        for code, active, wanted, per_meal in checks:
            need = per_meal * rules.days
            can = capacity([d for d in pool if wanted(d)], rules, per_day=per_meal)
            if active and per_meal and can < need:
                out.append(no_plan(code, period=period, can=can, need=need, add=need - can))
    return out


def _coarse_reasons(dishes: Sequence[Dish], rules: Rules) -> list[Problem]:
    """Enough coarse-grain staples for every day, and for the required lunches."""
    out = []
    coarse = [d for d in _servable(dishes, rules) if d.category == Category.STAPLE and d.coarse_or_whole]
    per = _per(rules, frozenset({Category.STAPLE}))
    if rules.coarse_staple_daily and capacity(coarse, rules) < rules.days:
        can = capacity(coarse, rules)
        out.append(no_plan("too_few_coarse_daily", can=can, need=rules.days,
                           add=ceil(rules.days / per) - len(coarse)))
    need = min(rules.coarse_lunch_days, rules.days)
    if need and rules.template(MealPeriod.LUNCH):
        lunch = [d for d in _servable(dishes, rules, MealPeriod.LUNCH) if d in coarse]
        can = capacity(lunch, rules, per_day=1)
        if can < need:
            out.append(no_plan("too_few_coarse_lunch", have=len(lunch), per=per, can=can, need=need,
                               add=ceil(need / per) - len(lunch)))
    return out


def _dark_leafy_reasons(dishes: Sequence[Dish], rules: Rules) -> list[Problem]:
    """Enough dark leafy dishes for one every day."""
    if not rules.dark_leafy_daily:
        return []
    pool = [d for d in _servable(dishes, rules) if FoodGroup.DARK_LEAFY_VEGETABLE in d.groups]
    can = capacity(pool, rules)
    if can >= rules.days:
        return []
    return [no_plan("too_few_dark_leafy", can=can, need=rules.days, add=rules.days - can)]


def _count_reasons(dishes: Sequence[Dish], rules: Rules) -> list[Problem]:
    """Weekly minimums reachable; maximums not forced by the template."""
    out = []
    pool = _servable(dishes, rules)
    for rule in rules.weekly_counts:
        can = capacity([d for d in pool if rule.matches(d)], rules)
        if rule.minimum is not None and can < rule.minimum:
            out.append(no_plan("too_few_for_minimum", rule=rule, can=can, need=rule.minimum))
        forced = sum(rules.days for p, r in _slots(rules)
                     if (fit := fitting(dishes, rules, p, r)) and all(rule.matches(d) for d in fit))
        if rule.maximum is not None and forced > rule.maximum:
            out.append(no_plan("forced_over_maximum", rule=rule, forced=forced, limit=rule.maximum))
    return out


def _cheapest(pool: Pool, rules: Rules, key: Callable[[Dish], int], per_day: int = 1) -> int:
    """Sum of the cheapest `per_day` x `days` servings of a pool (each dish within its weekly limit)."""
    servings = sorted(key(d) for d in pool for _ in range(rules.max_servings(d)))
    return sum(servings[:per_day * rules.days])


def _least(pool: Pool, key: Callable[[Dish], int], per_meal: int) -> int:
    """Sum of the `per_meal` smallest values in a pool: one meal's positions take different dishes."""
    return sum(sorted(key(d) for d in pool)[:per_meal])


def _kinds(dishes: Sequence[Dish], rules: Rules, template: MealTemplate) -> list[tuple[Pool, int]]:
    """The template's pools, once per kind of position, with how many positions of that kind a meal has
    (two vegetable dishes take two different vegetables, not the cheapest one twice)."""
    kinds: dict[frozenset[Category], list[Role]] = {}
    for r in template.roles:
        kinds.setdefault(r.categories, []).append(r)
    return [(fitting(dishes, rules, template.period, roles[0]), len(roles)) for roles in kinds.values()]


def _cost_reasons(dishes: Sequence[Dish], rules: Rules) -> list[Problem]:
    """The cheapest meal under the cap, the cheapest week within budget, the quickest meal within the kitchen."""
    out = []
    for template in rules.templates:
        period = template.period
        pools = _kinds(dishes, rules, template)
        if not all(pool for pool, _ in pools):
            continue  # reported by _role_reasons
        budget, kitchen = rules.budgets.get(period), rules.kitchen.get(period)
        floor = sum(_least(pool, lambda d: d.cost_fen, n) for pool, n in pools)
        if budget and floor > budget.cap_fen:
            out.append(no_plan("cheapest_meal_over_cap", period=period, cost_fen=floor, cap_fen=budget.cap_fen))
        week = sum(_cheapest(pool, rules, lambda d: d.cost_fen, n) for pool, n in pools)
        if budget and week > budget.average_fen * rules.days:
            out.append(no_plan("cheapest_week_over_budget", period=period, average_fen=week // rules.days,
                               budget_fen=budget.average_fen))
        if kitchen is None:
            continue
        for code, minutes, limit in (("wok_minimum_over", lambda d: d.wok_minutes, kitchen.wok_minutes),
                                     ("prep_minimum_over", lambda d: d.prep_minutes, kitchen.prep_minutes)):
            least = sum(_least(pool, minutes, n) for pool, n in pools)
            if least > limit:
                out.append(no_plan(code, period=period, have=least, limit=limit))
    return out


def families(rules: Rules, history: Sequence[WeekPlan], pins: Sequence[Pin]) -> list[RuleFamily]:
    """The rule families that are in force and could be relaxed."""
    out: list[RuleFamily] = [f for f in Family if not (f == Family.PINS and not pins)
                             and not (f == Family.ROTATION and not (history and rules.rotation_weeks))]
    return out + [CountFamily(rule) for rule in rules.weekly_counts]


def diagnose(dishes: Sequence[Dish], rules: Rules, history: Sequence[WeekPlan], pins: Sequence[Pin],
             time_limit_s: float, num_workers: int) -> list[Problem]:
    """Name each rule family whose relaxation alone makes a plan possible."""
    candidates = families(rules, history, pins)
    budget = max(0.5, time_limit_s / len(candidates))
    fixes = []
    for family in candidates:
        mm = build_model(dishes, rules, history, pins, relaxed=[family])
        _, status, _ = solve(mm, time_limit_s=budget, num_workers=num_workers, stop_at_first=True)
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            fixes.append(family)
    if not fixes:
        return [no_plan("rules_conflict")]
    return [no_plan("rule_blocks_plan", family=family) for family in fixes]
