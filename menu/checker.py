"""Check any week plan (planned or edited by hand) against the rules; list every problem."""
from __future__ import annotations

from collections import Counter, defaultdict
from typing import Iterable, Sequence

from vocabulary import MealPeriod

from .dishes import Dish
from .labels import Category, FoodGroup
from .nutrition import nutrition_problems
from .plan import Placement, WeekPlan
from .problems import DishName, Problem, Severity, hard
from .rules import Pin, Rules


def check_plan(plan: WeekPlan, catalog: Iterable[Dish], rules: Rules, *,
               history: Sequence[WeekPlan] = (), pins: Sequence[Pin] = ()) -> list[Problem]:
    """Every hard rule the plan breaks, then every soft target it misses."""
    dishes = {d.code: d for d in catalog}
    known = WeekPlan(tuple(p for p in plan.placements if p.code in dishes))
    return [*_slot_problems(plan, dishes, rules), *_repeat_problems(known, dishes, rules),
            *_meal_problems(known, dishes, rules), *_day_problems(known, dishes, rules),
            *_count_problems(known, dishes, rules), *_cost_problems(known, dishes, rules),
            *_rotation_problems(known, dishes, rules, history), *_pin_problems(plan, dishes, pins),
            *nutrition_problems(known, dishes, rules)]


def hard_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Only the broken hard rules."""
    return [p for p in problems if p.severity == Severity.HARD]


def name(dish: Dish) -> DishName:
    """The dish's names for a message."""
    return DishName(dish.name, dish.name_en)


def _slot_problems(plan: WeekPlan, dishes: dict[str, Dish], rules: Rules) -> list[Problem]:
    """Each slot filled once, by a known dish that fits its role, period, season and exclusions."""
    out: list[Problem] = []
    filled = Counter((p.day, p.period, p.role) for p in plan.placements)
    for template in rules.templates:
        for day in range(rules.days):
            for role in template.roles:
                if not filled[(day, template.period, role.name)]:
                    out.append(hard("empty_slot", day=day, period=template.period, role=role.name))
    for p in plan.placements:
        out.extend(_placement_problems(p, dishes, rules))
    return out


def _placement_problems(p: Placement, dishes: dict[str, Dish], rules: Rules) -> list[Problem]:
    """What is wrong with one placement on its own."""
    template = rules.template(p.period)
    roles = {r.name: r for r in template.roles} if template else {}
    if p.role not in roles or not 0 <= p.day < rules.days:
        return [hard("unknown_role", day=p.day % 7, period=p.period, role=p.role)]
    dish = dishes.get(p.code)
    if dish is None:
        return [hard("unknown_dish", day=p.day, period=p.period, role=p.role, code=p.code)]
    out = []
    if not roles[p.role].accepts(dish):
        out.append(hard("wrong_category", day=p.day, period=p.period, role=p.role, dish=name(dish)))
    if p.period not in dish.periods:
        out.append(hard("wrong_period", day=p.day, period=p.period, dish=name(dish)))
    if rules.season is not None and rules.season not in dish.seasons:
        out.append(hard("out_of_season", day=p.day, dish=name(dish), season=rules.season))
    if dish.allergens & rules.excluded_allergens:
        out.append(hard("excluded_allergen", day=p.day, period=p.period, dish=name(dish),
                        allergens=sorted(dish.allergens & rules.excluded_allergens)))
    if rules.exclude_spicy and dish.spicy:
        out.append(hard("excluded_spicy", day=p.day, period=p.period, dish=name(dish)))
    return out


def _repeat_problems(plan: WeekPlan, dishes: dict[str, Dish], rules: Rules) -> list[Problem]:
    """No repeats in the week; repeatables within their limit, never twice a day or on consecutive days."""
    out: list[Problem] = []
    for code in sorted({p.code for p in plan.placements}):
        dish, days = dishes[code], sorted(plan.days_of(code))
        if dish.category not in rules.repeatable:
            if len(days) > 1:
                out.append(hard("repeated_dish", dish=name(dish), days=days))
            continue
        if len(days) > rules.repeat_limit:
            out.append(hard("repeat_limit", dish=name(dish), times=len(days), limit=rules.repeat_limit))
        for day in sorted({d for d in days if days.count(d) > 1}):
            out.append(hard("repeat_same_day", day=day, dish=name(dish)))
        for day in sorted(set(days)):
            if day + 1 in days:
                out.append(hard("repeat_consecutive", dish=name(dish), day=day, next_day=day + 1))
    return out


def _meal_problems(plan: WeekPlan, dishes: dict[str, Dish], rules: Rules) -> list[Problem]:
    """Per meal: distinct main ingredients, protein and vegetable, soft protein, low salt."""
    out: list[Problem] = []
    for (day, period), placements in sorted(plan.meals().items(), key=_meal_key):
        meal = [dishes[p.code] for p in placements]
        where = {"day": day, "period": period}
        if rules.distinct_main_ingredient:
            by_ingredient = defaultdict(list)
            for dish in meal:
                by_ingredient[dish.main_ingredient].append(dish)
            for ingredient, same in sorted(by_ingredient.items()):
                if len(same) > 1:
                    out.append(hard("same_main_ingredient", **where, ingredient=ingredient,
                                    dishes=[name(d) for d in same]))
        if rules.protein_and_vegetable and not any(d.protein_dish for d in meal):
            out.append(hard("no_protein_dish", **where))
        if rules.protein_and_vegetable and not any(d.category == Category.VEGETABLE for d in meal):
            out.append(hard("no_vegetable_dish", **where))
        if rules.soft_protein and not any(d.protein_dish and d.soft for d in meal):
            out.append(hard("no_soft_protein", **where))
        low_salt = sum(d.low_salt for d in meal)
        if low_salt < rules.low_salt_per_meal:
            out.append(hard("low_salt_meal", **where, have=low_salt, need=rules.low_salt_per_meal))
    return out


def _meal_key(item: tuple[tuple[int, MealPeriod], list[Placement]]) -> tuple[int, int]:
    (day, period), _ = item
    return day, list(MealPeriod).index(period)


def _day_problems(plan: WeekPlan, dishes: dict[str, Dish], rules: Rules) -> list[Problem]:
    """Per day: a coarse-grain staple and a dark leafy vegetable; coarse lunches in the week."""
    out: list[Problem] = []
    by_day: dict[int, list[Dish]] = defaultdict(list)
    for p in plan.placements:
        by_day[p.day].append(dishes[p.code])
    for day in range(rules.days):
        served = by_day[day]
        if rules.coarse_staple_daily and not any(_coarse_staple(d) for d in served):
            out.append(hard("no_coarse_staple", day=day))
        if rules.dark_leafy_daily and not any(FoodGroup.DARK_LEAFY_VEGETABLE in d.groups for d in served):
            out.append(hard("no_dark_leafy", day=day))
    if rules.template(MealPeriod.LUNCH) and rules.coarse_lunch_days:
        have = len({p.day for p in plan.placements
                    if p.period == MealPeriod.LUNCH and _coarse_staple(dishes[p.code])})
        need = min(rules.coarse_lunch_days, rules.days)
        if have < need:
            out.append(hard("coarse_lunch_days", have=have, need=need))
    return out


def _coarse_staple(dish: Dish) -> bool:
    return dish.category == Category.STAPLE and dish.coarse_or_whole


def _count_problems(plan: WeekPlan, dishes: dict[str, Dish], rules: Rules) -> list[Problem]:
    """Weekly minimum and maximum servings per food group, method or flag."""
    out: list[Problem] = []
    for rule in rules.weekly_counts:
        have = sum(rule.matches(dishes[p.code]) for p in plan.placements)
        if rule.minimum is not None and have < rule.minimum:
            out.append(hard("weekly_min", rule=rule, have=have, need=rule.minimum))
        if rule.maximum is not None and have > rule.maximum:
            out.append(hard("weekly_max", rule=rule, have=have, limit=rule.maximum))
    return out


def _cost_problems(plan: WeekPlan, dishes: dict[str, Dish], rules: Rules) -> list[Problem]:
    """Food cost per meal under the cap, and on average within the budget; kitchen minutes."""
    out: list[Problem] = []
    meals = sorted(plan.meals().items(), key=_meal_key)
    for (day, period), placements in meals:
        meal = [dishes[p.code] for p in placements]
        budget, kitchen = rules.budgets.get(period), rules.kitchen.get(period)
        cost = sum(d.cost_fen for d in meal)
        if budget and cost > budget.cap_fen:
            out.append(hard("meal_cost_cap", day=day, period=period, cost_fen=cost, cap_fen=budget.cap_fen))
        wok, prep = sum(d.wok_minutes for d in meal), sum(d.prep_minutes for d in meal)
        if kitchen and wok > kitchen.wok_minutes:
            out.append(hard("kitchen_wok", day=day, period=period, have=wok, limit=kitchen.wok_minutes))
        if kitchen and prep > kitchen.prep_minutes:
            out.append(hard("kitchen_prep", day=day, period=period, have=prep, limit=kitchen.prep_minutes))
    for period in rules.periods:
        budget = rules.budgets.get(period)
        total = sum(dishes[p.code].cost_fen for p in plan.placements if p.period == period)
        if budget and total > budget.average_fen * rules.days:
            out.append(hard("average_cost", period=period, average_fen=total // rules.days,
                            budget_fen=budget.average_fen))
    return out


def _rotation_problems(plan: WeekPlan, dishes: dict[str, Dish], rules: Rules,
                       history: Sequence[WeekPlan]) -> list[Problem]:
    """No dish on the same weekday as in the previous `rotation_weeks` weeks (repeatables exempt)."""
    out: list[Problem] = []
    for age, past in enumerate(history[:rules.rotation_weeks]):
        served = {(p.day, p.code) for p in past.placements}
        for p in plan.placements:
            if dishes[p.code].category not in rules.repeatable and (p.day, p.code) in served:
                out.append(hard("rotation_same_weekday", dish=name(dishes[p.code]), day=p.day,
                                weeks_ago=age + 1))
    return out


def _pin_problems(plan: WeekPlan, dishes: dict[str, Dish], pins: Sequence[Pin]) -> list[Problem]:
    """Pinned dishes stay where the manager put them."""
    out: list[Problem] = []
    for pin in pins:
        if plan.at(pin.day, pin.period, pin.role) != pin.code:
            dish = dishes.get(pin.code)
            label = name(dish) if dish else pin.code
            out.append(hard("pin_moved", day=pin.day, period=pin.period, role=pin.role, dish=label))
    return out
