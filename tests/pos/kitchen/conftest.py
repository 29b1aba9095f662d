"""A lunch on DAY booked through the orders' own services: set meals and chosen dishes, residents with soft and
minced needs and allergens, one order served, and orders the kitchen must not count (cancelled, not served,
dinner, the next day)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest
from sqlalchemy import update

from pos.audit import SYSTEM
from pos.orders import services
from pos.orders.models import MealOrder
from pos.orders.services import Booking
from pos.orders.serving import serve_order
from pos.residents.models import Resident
from pos.sales.orders import OrderItem
from tests.pos.orders.conftest import DAY, at, publish

TZ = "Asia/Shanghai"
EARLY = at(DAY, 8)  # before lunch's cut-off (09:30 the same day)


@dataclass
class Lunch:
    pork: int
    fish: int
    greens: int
    soup: int
    residents: dict[str, int]
    orders: dict[str, int]


def needs(database, resident_id: int, diet: list[str], allergens: list[str]) -> None:
    """Give a resident dietary needs and allergens, as /residents records them."""
    with database.unit_of_work() as session:
        session.execute(update(Resident).where(Resident.id == resident_id).values(diet=diet, allergens=allergens))


def book(database, resident_id: int, channel: str = "dine_in", items: tuple[OrderItem, ...] = (),
         period: str = "lunch", day=DAY) -> int:
    """Book a meal as staff do on the phone (no items: the set meal); returns the order's id."""
    booking = Booking(resident_id, day, period, channel, items)
    with database.unit_of_work() as session:
        return services.book(session, booking, SYSTEM, EARLY, TZ, "zh_CN")["id"]


@pytest.fixture
def lunch(make, database) -> Lunch:
    make.canteen()
    pork = make.dish("红烧肉", 800, name_en="Braised pork", attributes={"allergens": "soy"})
    fish = make.dish("清蒸鲈鱼", 1200, name_en="Steamed perch", attributes={"allergens": "fish"})
    greens = make.dish("清炒油菜", 400, "vegetable", name_en="Stir-fried greens")
    soup = make.dish("紫菜蛋花汤", 200, "soup", name_en="Seaweed and egg soup", attributes={"allergens": "egg"})
    publish(database, DAY, "lunch", {"meat": pork, "vegetable": greens, "soup": soup, "fish": fish})
    publish(database, DAY, "dinner", {"meat": pork})
    publish(database, DAY + timedelta(days=1), "lunch", {"meat": pork})
    names = ("张桂兰", "王秀英", "李建国", "赵明", "陈芳", "刘德华")
    residents = {name: make.resident(name=name, balance_fen=10_000) for name in names}
    needs(database, residents["王秀英"], ["low_salt", "soft"], ["soy"])
    needs(database, residents["李建国"], ["soft", "minced"], [])
    needs(database, residents["赵明"], ["diabetic"], [])
    needs(database, residents["陈芳"], [], ["fish"])
    gone = book(database, residents["张桂兰"], "delivery")
    services.cancel(database, gone, SYSTEM, EARLY, TZ, "zh_CN")  # cancelled, then booked again: counted once
    orders = {
        "张桂兰": book(database, residents["张桂兰"]),  # the set meal: one of each of the four dishes
        "王秀英": book(database, residents["王秀英"], "delivery"),
        "李建国": book(database, residents["李建国"], "pick_up", (OrderItem(pork, 2), OrderItem(fish, 1))),
        "赵明": book(database, residents["赵明"], items=(OrderItem(greens, 1),)),
        "陈芳": book(database, residents["陈芳"], "delivery", (OrderItem(greens, 1),)),
        "刘德华": book(database, residents["刘德华"], items=(OrderItem(fish, 1),)),
    }
    serve_order(database, orders["李建国"], None, None, at(DAY, 12), TZ, "zh_CN")  # served: still counted
    services.cancel(database, orders["赵明"], SYSTEM, EARLY, TZ, "zh_CN")
    with database.unit_of_work() as session:  # not served (the rider found nobody home): not counted
        session.execute(update(MealOrder).where(MealOrder.id == orders["刘德华"]).values(status="not_served"))
    book(database, residents["刘德华"], period="dinner")  # another meal and another day: not counted
    book(database, residents["张桂兰"], day=DAY + timedelta(days=1))
    return Lunch(pork, fish, greens, soup, residents, orders)
