"""Plan a week's menu with CP-SAT; report optimality or the gap, and why when no plan exists."""
from __future__ import annotations

import math
import time
from dataclasses import dataclass, replace
from typing import Iterable, Sequence

from ortools.sat.python import cp_model

from . import symmetry
from .checker import check_plan
from .dishes import Dish
from .explain import diagnose, precheck
from .model import build_model, candidates
from .objective import score_plan
from .plan import WeekPlan
from .problems import Problem, no_plan
from .relaxation import relax
from .rules import Pin, Rules, Weights
from .solver import solve

SHORTLIST = 20        # dishes per slot with the lowest reduced costs, for the first search
SHORTLIST_SMALL = 8   # ... on catalogs small enough for the proof that follows
SEARCH_SHARE = 0.1    # of the remaining time, for the shortlist's search
PROVE_BELOW = 600     # (slot, dish) pairs: below this, one LP-heavy worker proves optimality
# Above it (the LP bound is far off, e.g. when lunches sit at the day's sodium cap) two workers: one
# with the full LP, which closes the bound, and the default one, which finds plans. The eight-worker
# portfolio gave each a quarter of the two cores and proved the demo lunch week in 13 s, these two in 6.
PROVERS = ("max_lp", "default_lp")
SEARCH_ONLY_ABOVE = 1800  # (slot, dish) pairs: a catalog this big gets a wider shortlist and all the time


@dataclass(frozen=True)
class PlanResult:
    """The outcome of planning: a plan (or None), solver figures, and problems to show."""

    plan: WeekPlan | None
    status: str                    # optimal | feasible | infeasible | unknown
    objective: int | None
    bound: float | None
    wall_seconds: float
    problems: tuple[Problem, ...]  # soft shortfalls with a plan; reasons without one
    first_solution_seconds: float | None = None

    @property
    def gap_percent(self) -> float | None:
        """Distance from the proven bound, in % of the objective (0 when optimal)."""
        if self.objective is None or self.bound is None:
            return None
        return 100.0 * max(0.0, self.objective - self.bound) / max(1, abs(self.objective))

    def summary(self, locale: str = "zh_CN") -> str:
        """One line on the solve for the manager or a log."""
        en = locale.startswith("en")
        if self.plan is None:
            head = "No plan" if en else "无法排出菜单"
            return f"{head}: " + "; ".join(p.message(locale) for p in self.problems)
        if self.status == "optimal":
            quality = "proven optimal" if en else "已证明最优"
        else:
            quality = f"within {self.gap_percent:.2f}% of the bound" if en else f"距最优界{self.gap_percent:.2f}%"
        return f"{quality}, {self.wall_seconds:.2f} s" if en else f"{quality}，用时{self.wall_seconds:.2f}秒"


def plan_week(catalog: Iterable[Dish], rules: Rules, *, history: Sequence[WeekPlan] = (),
              pins: Sequence[Pin] = (), hint: WeekPlan | None = None, time_limit_s: float = 10.0,
              num_workers: int = 8, seed: int = 0, explain: bool = True,
              relative_gap: float = 0.0) -> PlanResult:
    """Choose the week's dishes; history[0] is last week's plan (the default hint, shifted a day).

    Two phases: a valid plan first (hard rules only, no objective: CP-SAT finds one in about a
    second even on 1,000 dishes), then the best plan in the remaining time (see _best: an LP
    shortlist, then reduced-cost fixing and a proof); if that phase runs out of time without a
    plan, the valid plan is returned with its objective. The bound always holds for the whole
    catalog.
    """
    start = time.perf_counter()
    dishes = list(catalog)
    reasons = precheck(dishes, rules, pins=pins)
    if reasons:
        return PlanResult(None, "infeasible", None, None, time.perf_counter() - start, tuple(reasons))
    if hint is None and history:
        hint = history[0].rotated(1, rules.days)
    valid, status = _first_valid(dishes, rules, history, pins, hint, time_limit_s, num_workers, seed)
    first = time.perf_counter() - start
    if valid is None:
        return _no_plan(status, dishes, rules, history, pins, time_limit_s, num_workers, start, explain)
    plan, objective, bound, optimal = _best_week(dishes, rules, history, pins, hint, valid,
                                                 start + time_limit_s, num_workers, seed, relative_gap)
    problems = check_plan(plan, dishes, rules, history=history, pins=pins)
    return PlanResult(plan, "optimal" if optimal else "feasible", objective, min(bound, objective),
                      time.perf_counter() - start, tuple(problems), first)


def _best_week(dishes: list[Dish], rules: Rules, history: Sequence[WeekPlan], pins: Sequence[Pin],
               hint: WeekPlan | None, valid: WeekPlan, deadline: float, num_workers: int, seed: int,
               relative_gap: float) -> tuple[WeekPlan, int, float, bool]:
    """_best with the days in one order when they are interchangeable (see symmetry), else as they are.

    Rotation history that bans a dish on some weekday makes the days' candidates differ, so the
    whole model runs: in trials it found better plans in the same time than the ordered model
    followed by a search for an order of the days that suits the weekdays.
    """
    if symmetry.interchangeable(candidates(dishes, rules, history, pins, set()), rules):
        plan, objective, bound, optimal = _best(dishes, rules, history, pins, hint, valid, deadline,
                                                num_workers, seed, relative_gap, interchangeable=True)
        arranged = symmetry.arrange_days(plan, rules, dishes)
        if arranged is not None:  # always, by the condition symmetry.interchangeable checks
            return arranged, objective, bound, optimal
    return _best(dishes, rules, history, pins, hint, valid, deadline, num_workers, seed, relative_gap)


def _best(dishes: list[Dish], rules: Rules, history: Sequence[WeekPlan], pins: Sequence[Pin],
          hint: WeekPlan | None, valid: WeekPlan, deadline: float, num_workers: int, seed: int,
          relative_gap: float, interchangeable: bool = False) -> tuple[WeekPlan, int, float, bool]:
    """The best plan found by the deadline: (plan, objective, lower bound, proven optimal).

    The LP relaxation of the whole model gives a bound and each choice's reduced cost. A
    shortlist of the LP's favourite dishes per slot (plus the valid plan's) finds a good plan
    fast; on small models every choice whose LP bound plus reduced cost exceeds that plan's
    objective is then dropped (it is in no better plan) and one LP-heavy worker closes the gap
    on what is left. Bounds and "optimal" therefore hold for the whole catalog, not the shortlist.
    """
    full = build_model(dishes, rules, history, pins, interchangeable=interchangeable)
    lp = relax(full.model)
    if lp is None:  # no LP optimum (should not happen): the whole model as it is
        return _search(full, valid, dishes, rules, history, hint, deadline, num_workers, seed, relative_gap)
    cost = {(slot, dish.code): lp.reduced_costs[var.index]  # none for dishes the meal cap prunes
            for slot, options in full.choices.items() for dish, var in options}
    kept = {(p.day, p.period, p.role, p.code) for p in valid.placements}

    big = sum(len(options) for options in full.choices.values()) > SEARCH_ONLY_ABOVE
    keep = SHORTLIST if big else SHORTLIST_SMALL

    def favourites(slot: tuple, options: list[Dish]) -> list[Dish]:
        best = {d.code for d in sorted(options, key=lambda d: cost.get((slot, d.code), math.inf))[:keep]}
        return [d for d in options if d.code in best or (*slot, d.code) in kept]

    short = build_model(dishes, rules, history, pins, shortlist=favourites, interchangeable=interchangeable)
    share = (1.0 if big else SEARCH_SHARE) * (deadline - time.perf_counter())
    plan, objective, _, _ = _search(short, valid, dishes, rules, history, hint, time.perf_counter() + share,
                                    num_workers, seed, relative_gap, stop_below=_good_enough(lp.bound, relative_gap))
    bound = math.ceil(lp.bound - 1e-6)  # integer objective; the shortlist's own bound holds only for it
    if objective - bound <= relative_gap * abs(objective) or deadline - time.perf_counter() < 0.1:
        return plan, objective, bound, objective <= bound
    while deadline - time.perf_counter() >= 0.1:
        # Drop every choice in no plan better than the one in hand; start again on each better plan,
        # as the model shrinks with the objective.
        slack = objective + 1e-3 + 1e-6 * abs(objective)  # GLOP's tolerances
        exact = build_model(dishes, rules, history, pins, interchangeable=interchangeable,
                            shortlist=lambda slot, options: [d for d in options
                                                             if lp.bound + cost.get((slot, d.code), math.inf) <= slack])
        exact.hint(plan)
        # On a small model one worker with the full LP proves optimality where a portfolio
        # sharing two cores does not; on a bigger one, see PROVERS; on a big catalog the
        # eight-worker portfolio searches more.
        prove = sum(len(options) for options in exact.choices.values()) <= PROVE_BELOW
        solver, status, _ = solve(exact, time_limit_s=max(0.05, deadline - time.perf_counter()),
                                  num_workers=1 if prove else num_workers, seed=seed, relative_gap=relative_gap,
                                  prove=prove, stop_below=objective - 1 if prove else None,
                                  workers=() if prove or big else PROVERS)
        if status in (cp_model.OPTIMAL, cp_model.INFEASIBLE):  # INFEASIBLE: nothing beats the plan in hand
            if status == cp_model.OPTIMAL and round(solver.objective_value) < objective:
                plan, objective = exact.plan(solver), round(solver.objective_value)
            return plan, objective, objective, True
        if status != cp_model.FEASIBLE:
            break
        if round(solver.objective_value) >= objective:  # out of time without a better plan
            return plan, objective, max(bound, min(solver.best_objective_bound, objective)), False
        plan, objective = exact.plan(solver), round(solver.objective_value)
        if objective - bound <= relative_gap * abs(objective):
            break
    return plan, objective, bound, objective <= bound


def _good_enough(bound: float, relative_gap: float) -> float | None:
    """The objective at which a search may stop: within `relative_gap` of the LP bound."""
    return bound / (1 - relative_gap) if 0 < relative_gap < 1 else None


def _search(mm, valid: WeekPlan, dishes: list[Dish], rules: Rules, history: Sequence[WeekPlan],
            hint: WeekPlan | None, deadline: float, num_workers: int, seed: int,
            relative_gap: float, stop_below: float | None = None) -> tuple[WeekPlan, int, float, bool]:
    """Solve one model until the deadline; the valid plan if it finds none."""
    if hint is not None:
        mm.hint(hint)
    solver, status, _ = solve(mm, time_limit_s=max(0.05, deadline - time.perf_counter()),
                              num_workers=num_workers, seed=seed, relative_gap=relative_gap,
                              stop_below=stop_below)
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        plan, objective = mm.plan(solver), round(solver.objective_value)
    else:  # ran out of time without a plan: keep the valid one
        plan, objective = valid, score_plan(valid, dishes, rules, history)
    return plan, objective, min(solver.best_objective_bound, objective), status == cp_model.OPTIMAL


def _first_valid(dishes: list[Dish], rules: Rules, history: Sequence[WeekPlan], pins: Sequence[Pin],
                 hint: WeekPlan | None, time_limit_s: float, num_workers: int,
                 seed: int) -> tuple[WeekPlan | None, cp_model.CpSolverStatus]:
    """Any plan meeting the hard rules (objective off), or None with the solver status."""
    feasibility = replace(rules, weights=Weights(0, 0, 0, 0, 0))
    mm = build_model(dishes, feasibility, history, pins)
    if hint is not None:
        mm.hint(hint)
    solver, status, _ = solve(mm, time_limit_s=time_limit_s, num_workers=num_workers, seed=seed,
                              stop_at_first=True)
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return mm.plan(solver), status
    return None, status


def _no_plan(status: cp_model.CpSolverStatus, dishes: list[Dish], rules: Rules, history: Sequence[WeekPlan],
             pins: Sequence[Pin], time_limit_s: float, num_workers: int, start: float,
             explain: bool) -> PlanResult:
    """The result when no valid plan was found: which rule family blocks it, or out of time."""
    if status == cp_model.INFEASIBLE:
        found = (diagnose(dishes, rules, history, pins, time_limit_s, num_workers) if explain
                 else [no_plan("no_plan_exists")])
        return PlanResult(None, "infeasible", None, None, time.perf_counter() - start, tuple(found))
    return PlanResult(None, "unknown", None, None, time.perf_counter() - start,
                      (no_plan("no_plan_in_time", seconds=round(time_limit_s, 1)),))
