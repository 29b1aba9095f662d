"""The published menu of a day and meal period, as the counter's dish buttons."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

import menu
from pos.dishes.models import Dish
from pos.dishes.prices import prices_on
from pos.dishes.services import dish_json, list_dishes
from pos.errors import InvalidInput
from pos.i18n import ui_language
from pos.menus.catalog import load_catalog
from pos.menus.exports import Served
from pos.menus.exports import dish_json as served_json
from pos.menus.models import MenuSlot, MenuWeek
from pos.menus.planning import ALL_PERIODS
from pos.menus.weeks import week_of
from vocabulary import MEAL_PERIODS, MealPeriod


def published_slots(session: Session, day: date, period: str) -> list[tuple[MenuSlot, Dish]]:
    """The published dishes of one day and meal period, in serving order."""
    rows = session.execute(select(MenuSlot, Dish).join(Dish, Dish.id == MenuSlot.dish_id)
                           .join(MenuWeek, MenuWeek.id == MenuSlot.week_id)
                           .where(MenuWeek.status == "published", MenuSlot.day == day, Dish.active,
                                  MenuSlot.meal_period == period)).all()
    return sorted(((s, d) for s, d in rows), key=lambda row: menu.serving_rank(period, row[0].slot))


def menu_today(session: Session, day: date, period: str) -> dict:
    """What the counter offers on `day` at `period`: the published dishes, else every dish on sale."""
    if period not in ALL_PERIODS:
        raise InvalidInput("must be one of %(choices)s", field="meal_period", choices=", ".join(MEAL_PERIODS))
    rows = published_slots(session, day, period)
    if not rows:
        return {"day": day.isoformat(), "meal_period": period, "published": False,
                "dishes": list_dishes(session, day)}
    planned, prices = load_catalog(session, day).by_code(), prices_on(session, day, [d.id for _s, d in rows])
    dishes = [served_json(Served(day, MealPeriod(period), s.slot, d, planned.get(d.code), prices[d.id]), ui_language())
              | dish_json(d, prices[d.id]) for s, d in rows if d.id in prices]
    return {"day": day.isoformat(), "meal_period": period, "published": True, "week": week_of(day),
            "dishes": dishes}
