"""A greedy baseline planner: best-scoring dish slot by slot, with only local checks."""
from __future__ import annotations

from collections import defaultdict
from typing import Iterable, Sequence

from .dishes import Dish
from .explain import fitting
from .objective import dish_score
from .plan import Placement, WeekPlan
from .rules import Rules


def greedy_plan(catalog: Iterable[Dish], rules: Rules, *, history: Sequence[WeekPlan] = ()) -> WeekPlan:
    """Fill each slot with its best-scoring dish not yet used this week nor in this meal's ingredients."""
    dishes = list(catalog)
    used: dict[str, list[int]] = defaultdict(list)
    placements = []
    for day in range(rules.days):
        for template in rules.templates:
            ingredients: set[str] = set()
            for role in template.roles:
                options = sorted(fitting(dishes, rules, template.period, role),
                                 key=lambda d: dish_score(d, rules, history))
                choice = next((d for d in options if _may_serve(d, day, used, ingredients, rules)), None)
                if choice is None:
                    continue
                used[choice.code].append(day)
                ingredients.add(choice.main_ingredient)
                placements.append(Placement(day, template.period, role.name, choice.code))
    return WeekPlan.of(placements)


def _may_serve(dish: Dish, day: int, used: dict[str, list[int]], ingredients: set[str], rules: Rules) -> bool:
    """Local checks only: repeats, consecutive days, one main ingredient per meal."""
    days = used[dish.code]
    if dish.main_ingredient in ingredients:
        return False
    return len(days) < rules.max_servings(dish) and not {day - 1, day} & set(days)
