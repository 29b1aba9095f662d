"""The mechanics of planning: read what the planner needs, run it, store its plan and report.

The solver never runs inside a write transaction: on SQLite that would hold the write lock, and the
counter's sales, for the seconds it searches. Callers read, solve, then write in a short transaction.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

import menu
from menu import Pin, WeekPlan
from pos.clock import utc_now
from pos.errors import Conflict
from pos.menus import settings, stored
from pos.menus.catalog import PlanningCatalog, load_catalog
from pos.menus.report import plan_report
from pos.menus.weeks import monday_of
from vocabulary import MealPeriod

PLAN_SECONDS = 8.0
ALL_PERIODS = tuple(p.value for p in MealPeriod)


@dataclass(frozen=True)
class PlanInput:
    """Everything the planner needs for one week, read from the database."""

    week: str
    periods: tuple[MealPeriod, ...]
    rules: menu.Rules
    catalog: PlanningCatalog
    history: list[WeekPlan]
    pins: list[Pin]
    hint: WeekPlan | None
    keep_pins: bool = True


def default_periods(hours: dict) -> tuple[str, ...]:
    """The meal periods the canteen has serving hours for."""
    return tuple(p for p in ALL_PERIODS if p in hours) or ALL_PERIODS


def gather(session: Session, week: str, periods: tuple[MealPeriod, ...] | None = None,
           keep_pins: bool = True, default: tuple[str, ...] = ALL_PERIODS) -> PlanInput:
    """Read the catalog, the earlier weeks, the pins and a starting point for planning `week`.

    Without `periods`, the week's own; for a week never planned, `default` (the canteen's serving hours').
    """
    found = stored.find_week(session, week)
    if found is not None and found.status == "published":
        raise Conflict("week %(week)s is published; swap single dishes instead of planning it again",
                       code="menu_published", week=week)
    if periods is None:
        periods = (stored.week_periods(session, found) if found is not None else ()) or \
            stored.parse_periods(None, default)
    rules = settings.load_rules(session, periods)
    past = stored.history(session, week, rules.recent_weeks)
    current = stored.stored_plan(session, found) if found is not None else WeekPlan(())
    pins = stored.stored_pins(session, found, periods) if found is not None and keep_pins else []
    # Start from this week's own plan when re-planning, else last week's moved on a day.
    hint = current if current.placements else (past[0].rotated(1) if past and past[0].placements else None)
    catalog = load_catalog(session, monday_of(week), with_sales=True)
    return PlanInput(week, periods, rules, catalog, past, pins, hint, keep_pins)


def solve(plan_input: PlanInput, time_limit_s: float = PLAN_SECONDS) -> menu.PlanResult:
    """Run the planner (no database)."""
    return menu.plan_week(plan_input.catalog.dishes, plan_input.rules, history=plan_input.history,
                          pins=plan_input.pins, hint=plan_input.hint, time_limit_s=time_limit_s)


def store(session: Session, plan_input: PlanInput, result: menu.PlanResult) -> dict:
    """Write the plan (if there is one) and the planner's report on the week; returns the report."""
    week = stored.ensure_week(session, plan_input.week)
    if week.status == "published":
        raise Conflict("week %(week)s is published; swap single dishes instead of planning it again",
                       code="menu_published", week=plan_input.week)
    if plan_input.keep_pins and set(stored.stored_pins(session, week, plan_input.periods)) != set(plan_input.pins):
        raise Conflict("the pinned dishes changed while planning; plan again", code="menu_changed")
    report = plan_report(result, plan_input.periods, plan_input.catalog.skipped, len(plan_input.pins))
    if result.plan is not None:
        pinned = {(p.day, p.period, p.role) for p in plan_input.pins}
        stored.replace_slots(session, week, result.plan, plan_input.catalog.ids, pinned)
        week.planned_at = utc_now()
    week.report = report
    return report
