"""Plan a week's menu with CP-SAT; report optimality or the gap, and why when no plan exists."""
from __future__ import annotations

import time
from dataclasses import dataclass, replace
from typing import Iterable, Sequence

from ortools.sat.python import cp_model

from .checker import check_plan
from .dishes import Dish
from .explain import diagnose, precheck
from .model import build_model
from .objective import score_plan
from .plan import WeekPlan
from .problems import Problem, no_plan
from .rules import Pin, Rules, Weights
from .solver import solve


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
    second even on 1,000 dishes), then the best plan in the remaining time; if that phase runs
    out of time without a plan, the valid plan is returned with its objective.
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
    best = build_model(dishes, rules, history, pins)
    if hint is not None:  # not the valid plan: its arbitrary dishes steer the search badly
        best.hint(hint)
    remaining = max(0.1, time_limit_s - first)
    solver, status, _ = solve(best, time_limit_s=remaining, num_workers=num_workers, seed=seed,
                              relative_gap=relative_gap)
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        plan, objective = best.plan(solver), round(solver.objective_value)
    else:  # the second phase ran out of time without a plan: keep the valid one
        plan, objective = valid, score_plan(valid, dishes, rules, history)
    problems = check_plan(plan, dishes, rules, history=history, pins=pins)
    return PlanResult(plan, "optimal" if status == cp_model.OPTIMAL else "feasible", objective,
                      min(solver.best_objective_bound, objective), time.perf_counter() - start,
                      tuple(problems), first)


def _first_valid(dishes: list[Dish], rules: Rules, history: Sequence[WeekPlan], pins: Sequence[Pin],
                 hint: WeekPlan | None, time_limit_s: float, num_workers: int,
                 seed: int) -> tuple[WeekPlan | None, int]:
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


def _no_plan(status: int, dishes: list[Dish], rules: Rules, history: Sequence[WeekPlan],
             pins: Sequence[Pin], time_limit_s: float, num_workers: int, start: float,
             explain: bool) -> PlanResult:
    """The result when no valid plan was found: which rule family blocks it, or out of time."""
    if status == cp_model.INFEASIBLE:
        found = (diagnose(dishes, rules, history, pins, time_limit_s, num_workers) if explain
                 else [no_plan("no_plan_exists")])
        return PlanResult(None, "infeasible", None, None, time.perf_counter() - start, tuple(found))
    return PlanResult(None, "unknown", None, None, time.perf_counter() - start,
                      (no_plan("no_plan_in_time", seconds=round(time_limit_s, 1)),))
