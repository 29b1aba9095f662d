"""Interchangeable days: when any day's menu could be served on any other, the solver needs to
search only one order of the days.

Without rotation history or pins every day of the week offers the same dishes under the same
rules, and the objective does not care which day a meal falls on: the one rule that tells the
days apart is that a staple or soup must not come back the next day. The planner then solves
without that rule, with the days in the order of their anchor dish (say, the lunch meat dish,
served once a week), which removes the 7! copies of every plan that made proofs slow, and
afterwards orders the days so that no staple or soup is served two days running. The planner
does this only where such an order is sure to exist (see interchangeable): the ordered plan is
then optimal for the whole week whenever it is optimal for the ordered model.
"""
from __future__ import annotations

from collections import defaultdict
from itertools import permutations
from typing import TYPE_CHECKING, Sequence

from .plan import WeekPlan
from .rules import Rules

if TYPE_CHECKING:
    from vocabulary import MealPeriod

    from .dishes import Dish
    from .model import MenuModel


def interchangeable(slots: dict[tuple, list[Dish]], rules: Rules) -> bool:
    """True when every day's slots offer the same candidates (no rotation bans, no pins) and any
    plan's days can be put in an order with no staple or soup on consecutive days.

    The order exists when each day shares its staples and soups with at most (days - 1) / 2
    other days (Dirac: a Hamiltonian path in the graph of days that share none): r such
    positions a day, each dish served at most `repeat_limit` times, share with r x (limit - 1)
    days. A lunch (staple, soup; twice a week each) shares with 2 of 7; three meals a day do not
    qualify.
    """
    by_position: dict[tuple, set[tuple[str, ...]]] = defaultdict(set)
    for (_, period, role), dishes in slots.items():
        by_position[(period, role)].add(tuple(d.code for d in dishes))
    repeatable = sum(1 for template in rules.templates for role in template.roles
                     if role.categories & rules.repeatable)
    return rules.days > 1 and all(len(lists) == 1 for lists in by_position.values()) \
        and repeatable * (rules.repeat_limit - 1) <= (rules.days - 1) / 2 and anchor(slots, rules) is not None


def anchor(slots: dict[tuple, list[Dish]], rules: Rules) -> tuple[MealPeriod, str] | None:
    """The (period, role) whose dish orders the days: served at most once a week, most choice."""
    positions: dict[tuple[MealPeriod, str], list[Dish]] = defaultdict(list)
    for (_, period, role), dishes in slots.items():
        positions[(period, role)].extend(dishes)
    once = [(len(dishes), position) for position, dishes in positions.items()
            if dishes and all(d.category not in rules.repeatable for d in dishes)]
    return max(once, key=lambda pair: pair[0])[1] if once else None


def order_days(mm: MenuModel, rules: Rules) -> None:
    """Require the anchor dish's rank (its code's place among the candidates) to rise day by day."""
    mm.anchor = anchor({slot: [d for d, _ in options] for slot, options in mm.choices.items()}, rules)
    period, role = _anchor_of(mm)
    position = _positions(mm)
    for day in range(rules.days):
        rank = mm.model.new_int_var(0, max(0, len(position) - 1), f"anchor_{day}")
        terms = [(position[d.code], var) for d, var in mm.choices[(day, period, role)]]
        mm.model.add(rank == sum(place * var for place, var in terms))
        mm.anchors.append((rank, terms))
    for (earlier, _), (later, _) in zip(mm.anchors, mm.anchors[1:]):
        mm.model.add(earlier < later)


def _anchor_of(mm: MenuModel) -> tuple[MealPeriod, str]:
    if mm.anchor is None:
        raise ValueError("the days have no anchor dish: the model is not interchangeable (see interchangeable)")
    return mm.anchor


def _positions(mm: MenuModel) -> dict[str, int]:
    period, role = _anchor_of(mm)
    codes = {d.code for (_, p, r), options in mm.choices.items() if (p, r) == (period, role) for d, _ in options}
    return {code: n for n, code in enumerate(sorted(codes))}


def in_anchor_order(plan: WeekPlan, mm: MenuModel) -> WeekPlan:
    """The plan's days sorted by their anchor dish, as the model with ordered days needs them."""
    period, role = _anchor_of(mm)
    position = _positions(mm)

    def rank(day: int) -> int:
        code = plan.at(day, period, role)
        return len(position) if code is None else position.get(code, len(position))
    return plan.in_order(sorted({p.day for p in plan.placements}, key=rank))


def arrange_days(plan: WeekPlan, rules: Rules, dishes: Sequence[Dish]) -> WeekPlan | None:
    """The plan's days reordered so no staple or soup is served on consecutive days, or None."""
    repeatable = {d.code for d in dishes if d.category in rules.repeatable}
    served = [{p.code for p in plan.placements if p.day == day and p.code in repeatable}
              for day in range(rules.days)]
    for order in permutations(range(rules.days)):
        if all(not served[a] & served[b] for a, b in zip(order, order[1:])):
            return plan.in_order(order)
    return None
