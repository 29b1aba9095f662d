"""Planning a week's menu, pinning and swapping dishes, publishing: each a verb owning its transaction."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

import menu
from menu import WeekPlan
from pos.clock import utc_now
from pos.db import Database
from pos.dishes.models import Dish
from pos.errors import Conflict, InvalidInput, NotFound
from pos.menus import settings, stored
from pos.menus.catalog import load_catalog
from pos.menus.models import MenuSlot, MenuWeek
from pos.menus.planning import ALL_PERIODS, PLAN_SECONDS, default_periods, gather, solve, store
from pos.menus.published import menu_today, published_slots
from pos.menus.report import problems_json
from pos.menus.weeks import week_of
from vocabulary import MealPeriod

__all__ = ["ALL_PERIODS", "PLAN_SECONDS", "check", "default_periods", "menu_today", "pin", "plan_demo_week",
           "plan_week", "publish", "published_slots", "swap", "unpublish"]


def plan_week(db: Database, session: Session, week: str, periods: tuple[MealPeriod, ...] | None = None, *,
              keep_pins: bool = True, time_limit_s: float = PLAN_SECONDS,
              default: tuple[str, ...] = ALL_PERIODS) -> dict:
    """Plan (or re-plan around the pinned dishes) a week's menu and store it as a draft; returns the report."""
    plan_input = gather(session, week, periods, keep_pins, default)
    session.commit()  # ends the read: the solver searches for seconds holding no connection
    result = solve(plan_input, time_limit_s)
    with db.unit_of_work() as writing:
        return store(writing, plan_input, result)


def find_slot(session: Session, week: MenuWeek, day: date, period: str, slot: str) -> MenuSlot:
    """One slot of the week, or 404."""
    found = session.scalar(select(MenuSlot).where(MenuSlot.week_id == week.id, MenuSlot.day == day,
                                                  MenuSlot.meal_period == period, MenuSlot.slot == slot))
    if found is None:
        raise NotFound("there is no such dish position in week %(week)s", code="no_slot", week=week.week)
    return found


def pin(db: Database, week: str, day: date, period: str, slot: str, pinned: bool = True) -> None:
    """Pin a slot's dish so re-planning keeps it (or unpin it)."""
    with db.unit_of_work() as session:
        find_slot(session, stored.get_week(session, week), day, period, slot).pinned = pinned


def check(session: Session, week: MenuWeek, plan: WeekPlan | None = None,
          default: tuple[str, ...] = ALL_PERIODS) -> list[menu.Problem]:
    """Every rule the week's plan (or `plan`) breaks and every target it misses."""
    periods = stored.week_periods(session, week) or stored.parse_periods(None, default)
    rules = settings.load_rules(session, periods)
    catalog = load_catalog(session, week.monday).dishes
    return menu.check_plan(plan or stored.stored_plan(session, week), catalog, rules,
                           history=stored.history(session, week.week, rules.recent_weeks),
                           pins=stored.stored_pins(session, week, periods))


def swap(db: Database, week: str, day: date, period: str, slot: str, dish_id: int) -> list[dict]:
    """Put another dish in a slot (pinned: the manager chose it); returns the problems the swap brings."""
    with db.unit_of_work() as session:
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


def publish(db: Database, week: str, force: bool = False) -> None:
    """Publish a week's menu: from now on it drives the dish buttons at the counter."""
    with db.unit_of_work() as session:
        publish_in(session, week, force)


def unpublish(db: Database, week: str) -> None:
    """Take a published week back to a draft: the counter offers every dish on sale on its days again."""
    with db.unit_of_work() as session:
        found = stored.get_week(session, week)
        if found.status != "published":
            raise Conflict("week %(week)s is not published", code="menu_not_published", week=week)
        found.status, found.published_at = "draft", None


def plan_demo_week(session: Session, today: date, time_limit_s: float = 5.0) -> dict:
    """Plan and publish the week of `today` inside the demo loader's transaction; returns the report."""
    plan_input = gather(session, week_of(today), stored.parse_periods(None, ALL_PERIODS))
    report = store(session, plan_input, solve(plan_input, time_limit_s))
    if report["status"] in ("optimal", "feasible"):
        publish_in(session, plan_input.week, force=True)
    return report
