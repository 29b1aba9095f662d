"""Planning a week's menu, pinning and swapping dishes, publishing: each a verb owning its transaction.

The solver never runs inside a write transaction: on SQLite that would hold the write lock, and the
counter's sales, for the seconds it searches. Planning reads, solves, then writes in a short transaction.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import menu
from flask import current_app
from flask_babel import get_locale
from menu import MealPeriod, Pin, WeekPlan
from sqlalchemy import select
from sqlalchemy.orm import Session

from pos.clock import utc_now
from pos.db import get_db, read_session, unit_of_work
from pos.dishes.models import Dish
from pos.dishes.services import dish_json, list_dishes
from pos.errors import Conflict, InvalidInput, NotFound
from pos.menus import stored
from pos.menus.catalog import PlanningCatalog, load_catalog
from pos.menus.exports import Served
from pos.menus.exports import dish_json as served_json
from pos.menus.models import MenuSlot, MenuWeek
from pos.menus.report import plan_report, problems_json
from pos.menus.weeks import monday_of, week_of

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


def default_periods() -> tuple[str, ...]:
    """The meal periods the canteen has serving hours for."""
    hours = current_app.extensions["canteen_config"].hours
    return tuple(p for p in ALL_PERIODS if p in hours) or ALL_PERIODS


def gather(session: Session, week: str, periods: tuple[MealPeriod, ...] | None = None,
           keep_pins: bool = True) -> PlanInput:
    """Read the catalog, the earlier weeks, the pins and a starting point for planning `week`."""
    found = stored.find_week(session, week)
    if found is not None and found.status == "published":
        raise Conflict("week %(week)s is published; swap single dishes instead of planning it again",
                       code="menu_published", week=week)
    if periods is None:
        periods = (stored.week_periods(session, found) if found is not None else ()) or \
            stored.parse_periods(None, default_periods())
    rules = stored.rules_for(periods)
    past = stored.history(session, week, rules.recent_weeks)
    current = stored.stored_plan(session, found) if found is not None else WeekPlan(())
    pins = stored.stored_pins(session, found, periods) if found is not None and keep_pins else []
    # Start from this week's own plan when re-planning, else last week's moved on a day.
    hint = current if current.placements else (past[0].rotated(1) if past and past[0].placements else None)
    return PlanInput(week, periods, rules, load_catalog(session, monday_of(week)), past, pins, hint)


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
    if set(stored.stored_pins(session, week, plan_input.periods)) != set(plan_input.pins):
        raise Conflict("the pinned dishes changed while planning; plan again", code="menu_changed")
    report = plan_report(result, plan_input.periods, plan_input.catalog.skipped, len(plan_input.pins))
    if result.plan is not None:
        pinned = {(p.day, p.period, p.role) for p in plan_input.pins}
        stored.replace_slots(session, week, result.plan, plan_input.catalog.ids, pinned)
        week.planned_at = utc_now()
    week.report = report
    return report


def plan_week(week: str, periods: tuple[MealPeriod, ...] | None = None, *, keep_pins: bool = True,
              time_limit_s: float = PLAN_SECONDS) -> dict:
    """Plan (or re-plan around the pinned dishes) a week's menu and store it as a draft; returns the report."""
    with get_db().reader() as session:
        plan_input = gather(session, week, periods, keep_pins)
    result = solve(plan_input, time_limit_s)
    with unit_of_work() as session:
        return store(session, plan_input, result)


def find_slot(session: Session, week: MenuWeek, day: date, period: str, slot: str) -> MenuSlot:
    """One slot of the week, or 404."""
    found = session.scalar(select(MenuSlot).where(MenuSlot.week_id == week.id, MenuSlot.day == day,
                                                  MenuSlot.meal_period == period, MenuSlot.slot == slot))
    if found is None:
        raise NotFound("there is no such dish position in week %(week)s", code="no_slot", week=week.week)
    return found


def pin(week: str, day: date, period: str, slot: str, pinned: bool = True) -> None:
    """Pin a slot's dish so re-planning keeps it (or unpin it)."""
    with unit_of_work() as session:
        find_slot(session, stored.get_week(session, week), day, period, slot).pinned = pinned


def check(session: Session, week: MenuWeek, plan: WeekPlan | None = None) -> list[menu.Problem]:
    """Every rule the week's plan (or `plan`) breaks and every target it misses."""
    periods = stored.week_periods(session, week) or stored.parse_periods(None, default_periods())
    rules = stored.rules_for(periods)
    return menu.check_plan(plan or stored.stored_plan(session, week), load_catalog(session).dishes, rules,
                           history=stored.history(session, week.week, rules.recent_weeks),
                           pins=stored.stored_pins(session, week, periods))


def swap(week: str, day: date, period: str, slot: str, dish_id: int) -> list[dict]:
    """Put another dish in a slot (pinned: the manager chose it); returns the problems the swap brings."""
    with unit_of_work() as session:
        found = stored.get_week(session, week)
        target = find_slot(session, found, day, period, slot)
        dish = session.get(Dish, dish_id)
        if dish is None or not dish.active:
            raise InvalidInput("is not a dish on sale", field="dish_id")
        before = check(session, found)
        target.dish_id, target.pinned = dish.id, True
        session.flush()
        seen = {problem_key(p) for p in before}
        return problems_json(p for p in check(session, found) if problem_key(p) not in seen)


def problem_key(problem: menu.Problem) -> tuple:
    """What a problem is about, without its figures: a shortfall that only changes size is not new."""
    where = ("day", "period", "role", "nutrient", "rule", "dish", "ingredient")
    return problem.code, tuple((k, str(problem.params[k])) for k in where if k in problem.params)


def publish_in(session: Session, week: str, force: bool = False) -> MenuWeek:
    """Publish a planned week in `session`; refuses a plan breaking hard rules unless forced."""
    found = stored.get_week(session, week)
    if not stored.slot_rows(session, found):
        raise Conflict("week %(week)s has no menu to publish; plan it first", code="menu_empty", week=week)
    broken = menu.hard_problems(check(session, found))
    if broken and not force:
        raise Conflict("the menu breaks %(count)s rules; fix them or publish anyway", code="menu_breaks_rules",
                       count=len(broken))
    found.status, found.published_at = "published", utc_now()
    return found


def publish(week: str, force: bool = False) -> None:
    """Publish a week's menu: from now on it drives the dish buttons at the counter."""
    with unit_of_work() as session:
        publish_in(session, week, force)


def published_slots(session: Session, day: date, period: str) -> list[tuple[MenuSlot, Dish]]:
    """The published dishes of one day and meal period, in the order of the meal template."""
    rows = session.execute(select(MenuSlot, Dish).join(Dish, Dish.id == MenuSlot.dish_id)
                           .join(MenuWeek, MenuWeek.id == MenuSlot.week_id)
                           .where(MenuWeek.status == "published", MenuSlot.day == day,
                                  MenuSlot.meal_period == period)).all()
    template = stored.TEMPLATES[MealPeriod(period)]
    order = {role.name: n for n, role in enumerate(template.roles)}
    return sorted(((s, d) for s, d in rows), key=lambda row: order.get(row[0].slot, len(order)))


def plan_demo_week(session: Session, today: date, time_limit_s: float = 5.0) -> dict:
    """Plan and publish the week of `today` inside the demo loader's transaction; returns the report."""
    plan_input = gather(session, week_of(today), stored.parse_periods(None, ALL_PERIODS))
    report = store(session, plan_input, solve(plan_input, time_limit_s))
    if report["status"] in ("optimal", "feasible"):
        publish_in(session, plan_input.week, force=True)
    return report


def menu_today(day: date, period: str) -> dict:
    """What the counter offers on `day` at `period`: the published dishes, else every dish on sale."""
    if period not in ALL_PERIODS:
        raise InvalidInput("must be one of breakfast, lunch, dinner", field="meal_period")
    session = read_session()
    rows = published_slots(session, day, period)
    if not rows:
        return {"day": day.isoformat(), "meal_period": period, "published": False, "dishes": list_dishes()}
    planned = load_catalog(session).by_code()
    language = "en" if get_locale().language == "en" else "zh_CN"
    dishes = [served_json(Served(day, MealPeriod(period), s.slot, d, planned.get(d.code)), language)
              | dish_json(d) for s, d in rows]
    return {"day": day.isoformat(), "meal_period": period, "published": True, "week": week_of(day),
            "dishes": dishes}
