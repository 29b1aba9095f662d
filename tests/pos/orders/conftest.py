"""A canteen on the demo policy, a published lunch and dinner on DAY, and a resident of 75 with 50 yuan."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from pos.audit import Actor
from pos.menus.models import MenuSlot, MenuWeek
from pos.menus.weeks import monday_of, week_of
from pos.orders import services
from pos.orders.models import MealOrder, MealOrderLine
from pos.orders.services import Booking
from pos.sales.models import Sale

SHANGHAI = ZoneInfo("Asia/Shanghai")
DAY = date(2026, 12, 10)  # a Thursday
BORN_1951 = date(1951, 6, 1)  # 75: the demo policy's 70-79 rule, 2 yuan from the district


def at(day: date, hh: int, mm: int = 0, ss: int = 0) -> datetime:
    """A moment of the canteen's local time."""
    return datetime.combine(day, time(hh, mm, ss), SHANGHAI)


@dataclass
class Kitchen:
    resident: int
    pork: int  # 8 yuan
    greens: int  # 4 yuan
    rice: int  # 1 yuan, not on the menu
    staff: Actor


def publish(database, day: date, period: str, dishes: dict[str, int]) -> None:
    """A published week's menu holding `dishes` by position at `period` on `day`."""
    with database.unit_of_work() as session:
        week = session.scalar(select(MenuWeek).where(MenuWeek.week == week_of(day)))
        if week is None:
            week = MenuWeek(week=week_of(day), monday=monday_of(week_of(day)), status="published")
            session.add(week)
            session.flush()
        session.add_all(MenuSlot(week_id=week.id, day=day, meal_period=period, slot=slot, dish_id=dish_id)
                        for slot, dish_id in dishes.items())


@pytest.fixture
def kitchen(make, database) -> Kitchen:
    make.canteen()
    resident = make.resident(born=BORN_1951, balance_fen=5000)
    pork, greens = make.dish("红烧肉", 800, name_en="Braised pork"), make.dish("清炒油菜", 400, "vegetable")
    rice = make.dish("米饭", 100, "staple")
    publish(database, DAY, "lunch", {"meat": pork, "vegetable": greens})
    publish(database, DAY, "dinner", {"meat": pork})
    manager = make.user(username="manager-orders", role="manager")
    return Kitchen(resident, pork, greens, rice, Actor(staff_id=manager.id))


def booked(database, kitchen, **changes) -> int:
    """The kitchen resident's lunch on DAY booked by the manager at 8:00 (dine-in, the set meal), or as changed."""
    booking = Booking(**{"resident_id": kitchen.resident, "day": DAY, "meal_period": "lunch",
                         "channel": "dine_in", **changes})
    with database.unit_of_work() as session:
        return services.book(session, booking, kitchen.staff, at(DAY, 8), "Asia/Shanghai", "zh_CN")["id"]


def counts(database) -> tuple[int, int, int]:
    """Orders, order lines and sales in the database."""
    with database.unit_of_work() as session:
        return tuple(session.scalar(select(func.count()).select_from(model))  # type: ignore[return-value]
                     for model in (MealOrder, MealOrderLine, Sale))
