"""Weekly menus as stored rows, read back as the planner's WeekPlan and pins (the rules: pos.menus.settings)."""
from __future__ import annotations

from datetime import date

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

import menu
from menu import Pin, Placement, WeekPlan
from pos.dishes.models import Dish
from pos.errors import InvalidInput, NotFound
from pos.menus.models import MenuSlot, MenuWeek
from pos.menus.weeks import days_of, monday_of, shift
from vocabulary import MEAL_PERIODS, MealPeriod

PERIOD_ORDER = tuple(MealPeriod)


def parse_periods(values: list[str] | str | None, default: tuple[str, ...]) -> tuple[MealPeriod, ...]:
    """Meal periods from `lunch,dinner` (or a list), in serving order; `default` when none given."""
    if isinstance(values, str):
        values = [v for v in values.replace("，", ",").split(",")]
    names = [v.strip().lower() for v in (values or default) if v and v.strip()]
    try:
        periods = {MealPeriod(name) for name in names}
    except ValueError:
        raise InvalidInput("must be meal periods from %(choices)s", field="periods",
                           choices=", ".join(MEAL_PERIODS)) from None
    if not periods:
        raise InvalidInput("must name at least one meal period", field="periods")
    return tuple(p for p in PERIOD_ORDER if p in periods)


def find_week(session: Session, week: str) -> MenuWeek | None:
    """The stored week, if any."""
    return session.scalar(select(MenuWeek).where(MenuWeek.week == week))


def get_week(session: Session, week: str) -> MenuWeek:
    """The stored week, or 404."""
    found = find_week(session, week)
    if found is None:
        raise NotFound("week %(week)s has no menu yet", code="no_menu", week=week)
    return found


def ensure_week(session: Session, week: str) -> MenuWeek:
    """The stored week, made as a draft when missing."""
    found = find_week(session, week)
    if found is None:
        found = MenuWeek(week=week, monday=monday_of(week), status="draft", report={})
        session.add(found)
        session.flush()
    return found


def slot_rows(session: Session, week: MenuWeek) -> list[tuple[MenuSlot, Dish]]:
    """The week's slots with their dishes."""
    rows = session.execute(select(MenuSlot, Dish).join(Dish, Dish.id == MenuSlot.dish_id)
                           .where(MenuSlot.week_id == week.id).order_by(MenuSlot.day, MenuSlot.id)).all()
    return [(slot, dish) for slot, dish in rows]


def placement_of(slot: MenuSlot, dish: Dish, monday: date) -> Placement:
    """A stored slot as the planner's placement (day 0 is Monday)."""
    return Placement((slot.day - monday).days, MealPeriod(slot.meal_period), slot.slot, dish.code)


def stored_plan(session: Session, week: MenuWeek) -> WeekPlan:
    """The week's slots as a plan."""
    return WeekPlan.of(placement_of(s, d, week.monday) for s, d in slot_rows(session, week))


def stored_pins(session: Session, week: MenuWeek, periods: tuple[MealPeriod, ...]) -> list[Pin]:
    """The manager's pinned slots in the planned periods."""
    return [Pin(p.day, p.period, p.role, p.code) for (s, d) in slot_rows(session, week) if s.pinned
            for p in [placement_of(s, d, week.monday)] if p.period in periods]


def week_periods(session: Session, week: MenuWeek) -> tuple[MealPeriod, ...]:
    """The periods a stored week was planned for."""
    named = week.report.get("periods") if week.report else None
    if not named:
        named = {s.meal_period for s, _ in slot_rows(session, week)}
    return tuple(p for p in PERIOD_ORDER if p.value in named)


def history(session: Session, week: str, weeks: int) -> list[WeekPlan]:
    """The plans of the `weeks` weeks before `week`, last week first (an empty plan where none was made)."""
    out = []
    for back in range(1, weeks + 1):
        earlier = find_week(session, shift(week, -back))
        out.append(stored_plan(session, earlier) if earlier is not None else WeekPlan(()))
    while out and not out[-1].placements:
        out.pop()  # no memory beyond the oldest planned week
    return out


def replace_slots(session: Session, week: MenuWeek, plan: WeekPlan, ids: dict[str, int],
                  pinned: set[tuple[int, MealPeriod, str]]) -> None:
    """Store `plan` as the week's slots, marking the pinned ones."""
    session.execute(delete(MenuSlot).where(MenuSlot.week_id == week.id))
    days = days_of(week.week)
    # In serving order, so readers ordering by id (the counter) list meat before vegetables.
    placements = sorted(plan.placements, key=lambda p: (p.day, PERIOD_ORDER.index(p.period),
                                                        menu.serving_rank(p.period, p.role)))
    session.add_all(MenuSlot(week_id=week.id, day=days[p.day], meal_period=p.period.value, slot=p.role,
                             dish_id=ids[p.code], pinned=(p.day, p.period, p.role) in pinned)
                    for p in placements)
    session.flush()
