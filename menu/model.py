"""The CP-SAT model of a week's menu: one boolean per (slot, candidate dish)."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Callable, Iterable, Sequence

from ortools.sat.python import cp_model

from vocabulary import MealPeriod

from .dishes import Dish
from .families import CountFamily, Family, RuleFamily
from .labels import Category, FoodGroup
from .objective import add_objective
from .plan import Placement, WeekPlan
from .rules import Pin, Rules
from .symmetry import in_anchor_order, order_days

Slot = tuple[int, MealPeriod, str]          # (day, period, role)
Var = cp_model.IntVar


@dataclass
class MenuModel:
    """A built model plus the indexes needed to read a plan back out."""

    model: cp_model.CpModel
    choices: dict[Slot, list[tuple[Dish, Var]]]
    objective_terms: list = field(default_factory=list)
    # Auxiliary variables and how to compute them from a plan, so a hint can be complete:
    # (var, [(var, coeff)], constant) per nutrition miss; (var, [vars]) per "any of" boolean.
    shortfalls: list = field(default_factory=list)
    any_of: list = field(default_factory=list)
    # Days in the order of their anchor dish, consecutive-day repeats left to
    # symmetry.arrange_days (see there): the anchor (period, role), and per day
    # (rank var, [(position, var)]).
    interchangeable: bool = False
    anchor: tuple[MealPeriod, str] | None = None
    anchors: list = field(default_factory=list)

    def plan(self, solver: cp_model.CpSolver) -> WeekPlan:
        """The plan in the solver's current solution."""
        return WeekPlan.of(Placement(day, period, role, dish.code)
                           for (day, period, role), options in self.choices.items()
                           for dish, var in options if solver.boolean_value(var))

    def hint(self, plan: WeekPlan) -> None:
        """Suggest a plan as the solver's starting point, auxiliaries included (infeasible parts are repaired)."""
        if self.interchangeable:
            plan = in_anchor_order(plan, self)
        wanted = {(p.day, p.period, p.role): p.code for p in plan.placements}
        chosen = {}
        for slot, options in self.choices.items():
            for dish, var in options:
                chosen[var.index] = dish.code == wanted.get(slot)
                self.model.add_hint(var, chosen[var.index])
        for var, terms in self.any_of:
            self.model.add_hint(var, any(chosen[v.index] for v in terms))
        for var, terms, constant in self.shortfalls:
            excess = sum(coeff for v, coeff in terms if chosen[v.index]) + constant
            self.model.add_hint(var, max(0, excess))
        for var, terms in self.anchors:
            self.model.add_hint(var, sum(position for position, v in terms if chosen[v.index]))

    def vars(self, where=lambda slot, dish: True) -> list[tuple[Slot, Dish, Var]]:
        """Every (slot, dish, var) passing the filter."""
        return [(s, d, v) for s, options in self.choices.items() for d, v in options if where(s, d)]


def build_model(dishes: Sequence[Dish], rules: Rules, history: Sequence[WeekPlan] = (),
                pins: Sequence[Pin] = (), relaxed: Iterable[RuleFamily] = (),
                shortlist: Callable[[Slot, list[Dish]], list[Dish]] | None = None,
                interchangeable: bool = False) -> MenuModel:
    """Build the CP-SAT model; families in `relaxed` are left out, `shortlist` narrows each slot.

    `interchangeable` (only where symmetry.interchangeable holds) fixes the order of the days
    and leaves out the rule against serving a staple or soup on consecutive days.
    """
    off = set(relaxed)
    model = cp_model.CpModel()
    choices = {slot: [(d, model.new_bool_var(f"{slot[0]}_{slot[1]}_{slot[2]}_{d.code}")) for d in ds]
               for slot, ds in candidates(dishes, rules, history, pins, off, shortlist).items()}
    mm = MenuModel(model, choices, interchangeable=interchangeable)
    for options in mm.choices.values():
        mm.model.add_exactly_one([v for _, v in options] or [mm.model.new_constant(0)])
    rule_builders = [
        (Family.NO_REPEAT, _no_repeat), (Family.MAIN_INGREDIENT, _main_ingredient),
        (Family.PROTEIN_VEGETABLE, _protein_vegetable), (Family.SOFT_PROTEIN, _soft_protein),
        (Family.COARSE_STAPLE, _coarse_staple), (Family.DARK_LEAFY, _dark_leafy),
        (Family.LOW_SALT, _low_salt), (Family.COST, _cost), (Family.KITCHEN, _kitchen)]
    for family, add in rule_builders:
        if family not in off:
            add(mm, rules)
    for rule in rules.weekly_counts:
        if CountFamily(rule) not in off:
            total = sum(v for _, d, v in mm.vars(lambda s, d: rule.matches(d)))
            if rule.minimum is not None:
                mm.model.add(total >= rule.minimum)
            if rule.maximum is not None:
                mm.model.add(total <= rule.maximum)
    if interchangeable:
        order_days(mm, rules)
    add_objective(mm, rules, history)
    return mm


def candidates(dishes: Sequence[Dish], rules: Rules, history: Sequence[WeekPlan],
               pins: Sequence[Pin], off: set,
               shortlist: Callable[[Slot, list[Dish]], list[Dish]] | None = None) -> dict[Slot, list[Dish]]:
    """Pre-filter the dishes each slot may take (fit, exclusions, rotation, pins, meal cap)."""
    pinned = {} if Family.PINS in off else {(p.day, p.period, p.role): p.code for p in pins}
    banned = set() if Family.ROTATION in off else {
        (p.day, p.code) for past in history[:rules.rotation_weeks] for p in past.placements}
    out: dict[Slot, list[Dish]] = {}
    for template in rules.templates:
        for role in template.roles:
            fits = [d for d in dishes if role.accepts(d) and template.period in d.periods and rules.allows(d)]
            for day in range(rules.days):
                slot = (day, template.period, role.name)
                ok = [d for d in fits if (day, d.code) not in banned or d.category in rules.repeatable]
                if slot in pinned:
                    ok = [d for d in ok if d.code == pinned[slot]]
                out[slot] = shortlist(slot, ok) if shortlist else ok
    if Family.COST not in off:
        _prune_by_cap(out, rules)
    return out


def _prune_by_cap(slots: dict[Slot, list[Dish]], rules: Rules) -> None:
    """Drop dishes too dear to fit under the meal cap even with the cheapest companions."""
    for (day, period, role), dishes in list(slots.items()):
        budget = rules.budgets.get(period)
        template = rules.template(period)  # never None: the slots come from the templates
        if budget is None or template is None or not dishes:
            continue
        others = [slots[(day, period, r.name)] for r in template.roles if r.name != role]
        floor = sum(min((d.cost_fen for d in ds), default=0) for ds in others)
        slots[(day, period, role)] = [d for d in dishes if d.cost_fen + floor <= budget.cap_fen]


def _meal_vars(mm: MenuModel) -> dict[tuple[int, MealPeriod], list[tuple[Dish, Var]]]:
    meals: dict[tuple[int, MealPeriod], list[tuple[Dish, Var]]] = defaultdict(list)
    for (day, period, _), options in mm.choices.items():
        meals[(day, period)].extend(options)
    return meals


def _no_repeat(mm: MenuModel, rules: Rules) -> None:
    """Non-repeatables once a week; repeatables up to the limit, at most once a day, never on consecutive days."""
    by_dish: dict[str, list[tuple[int, Var]]] = defaultdict(list)
    dishes: dict[str, Dish] = {}
    for (day, _, _), dish, var in mm.vars():
        by_dish[dish.code].append((day, var))
        dishes[dish.code] = dish
    for code, uses in by_dish.items():
        if dishes[code].category not in rules.repeatable:
            if len(uses) > 1:
                mm.model.add_at_most_one(v for _, v in uses)
            continue
        if len(uses) > rules.repeat_limit:
            mm.model.add(sum(v for _, v in uses) <= rules.repeat_limit)
        for day in range(rules.days):
            pair = [v for d, v in uses if d == day or (d == day + 1 and not mm.interchangeable)]
            if len(pair) > 1:
                mm.model.add_at_most_one(pair)


def _main_ingredient(mm: MenuModel, rules: Rules) -> None:
    """No two dishes of the same main ingredient in one meal."""
    if not rules.distinct_main_ingredient:
        return
    for options in _meal_vars(mm).values():
        by_ingredient: dict[str, list[Var]] = defaultdict(list)
        for dish, var in options:
            by_ingredient[dish.main_ingredient].append(var)
        for same in by_ingredient.values():
            if len(same) > 1:
                mm.model.add_at_most_one(same)


def _at_least_per_meal(mm: MenuModel, wanted, need: int) -> None:
    for options in _meal_vars(mm).values():
        mm.model.add(sum(v for d, v in options if wanted(d)) >= need)


def _protein_vegetable(mm: MenuModel, rules: Rules) -> None:
    """Every meal has a meat, egg or tofu dish and a vegetable dish."""
    if rules.protein_and_vegetable:
        _at_least_per_meal(mm, lambda d: d.protein_dish, 1)
        _at_least_per_meal(mm, lambda d: d.category == Category.VEGETABLE, 1)


def _soft_protein(mm: MenuModel, rules: Rules) -> None:
    """Every meal has a soft meat, egg or tofu dish."""
    if rules.soft_protein:
        _at_least_per_meal(mm, lambda d: d.protein_dish and d.soft, 1)


def _low_salt(mm: MenuModel, rules: Rules) -> None:
    """Every meal has at least `low_salt_per_meal` low-salt dishes."""
    if rules.low_salt_per_meal:
        _at_least_per_meal(mm, lambda d: d.low_salt, rules.low_salt_per_meal)


def _is_coarse_staple(dish: Dish) -> bool:
    return dish.category == Category.STAPLE and dish.coarse_or_whole


def _coarse_staple(mm: MenuModel, rules: Rules) -> None:
    """A coarse or whole-grain staple every day, and at lunch on at least N days."""
    for day in range(rules.days):
        coarse = [v for (d, _, _), dish, v in mm.vars() if d == day and _is_coarse_staple(dish)]
        if rules.coarse_staple_daily:
            mm.model.add(sum(coarse) >= 1)
    need = min(rules.coarse_lunch_days, rules.days)
    if need and rules.template(MealPeriod.LUNCH):
        lunch_days = []
        for day in range(rules.days):
            served = mm.model.new_bool_var(f"coarse_lunch_{day}")
            staples = [v for (d, p, _), dish, v in mm.vars()
                       if d == day and p == MealPeriod.LUNCH and _is_coarse_staple(dish)]
            mm.model.add(served <= sum(staples))
            mm.any_of.append((served, staples))
            lunch_days.append(served)
        mm.model.add(sum(lunch_days) >= need)


def _dark_leafy(mm: MenuModel, rules: Rules) -> None:
    """A dark leafy vegetable every day."""
    if rules.dark_leafy_daily:
        for day in range(rules.days):
            mm.model.add(sum(v for (d, _, _), dish, v in mm.vars()
                             if d == day and FoodGroup.DARK_LEAFY_VEGETABLE in dish.groups) >= 1)


def _cost(mm: MenuModel, rules: Rules) -> None:
    """Food cost under the per-meal cap and, on the week's average, within the budget."""
    totals: dict[MealPeriod, list] = defaultdict(list)
    for (day, period), options in _meal_vars(mm).items():
        budget = rules.budgets.get(period)
        if budget:
            cost = sum(d.cost_fen * v for d, v in options)
            mm.model.add(cost <= budget.cap_fen)
            totals[period].append(cost)
    for period, costs in totals.items():
        mm.model.add(sum(costs) <= rules.budgets[period].average_fen * rules.days)


def _kitchen(mm: MenuModel, rules: Rules) -> None:
    """Wok and prep minutes per meal within the kitchen's capacity."""
    for (day, period), options in _meal_vars(mm).items():
        limit = rules.kitchen.get(period)
        if limit:
            mm.model.add(sum(d.wok_minutes * v for d, v in options) <= limit.wok_minutes)
            mm.model.add(sum(d.prep_minutes * v for d, v in options) <= limit.prep_minutes)
