"""Residents in two estates with delivery lunches booked on DAY, a delivery fee, a rider and a manager."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timezone

import pytest
from sqlalchemy import update

from pos.audit import Actor
from pos.orders import services
from pos.orders.services import Booking
from pos.residents.models import Resident
from tests.pos.orders.conftest import BORN_1951, DAY, Kitchen, at, kitchen  # noqa: F401  (the fixture)

TZ = "Asia/Shanghai"
NOON = at(DAY, 12).astimezone(timezone.utc)  # stored as the services store now: UTC


@dataclass
class Round:
    kitchen: Kitchen
    residents: dict[str, int]  # by name
    orders: dict[str, int]  # by resident name
    fee: int  # the delivery fee dish, 3 yuan
    rider: object
    other_rider: object
    manager: Actor


def chinese(app, error) -> str:
    """A refusal as a Chinese reader meets it."""
    with app.test_request_context(headers={"Accept-Language": "zh-CN"}):
        return error.localised()


def place(database, resident_id: int, address: str, phone: str = "") -> None:
    with database.unit_of_work() as session:
        session.execute(update(Resident).where(Resident.id == resident_id).values(address=address, phone=phone))


def book(database, resident_id: int, channel: str = "delivery", staff: Actor | None = None) -> int:
    with database.unit_of_work() as session:
        return services.book(session, Booking(resident_id, DAY, "lunch", channel), staff or Actor(), at(DAY, 8), TZ,
                             "zh_CN")["id"]


@pytest.fixture
def round_(make, database, kitchen) -> Round:  # noqa: F811
    """王 and 李 in 幸福里 (building 3 and building 1), 赵 in 和平苑; 孙 eats in; the fee dish costs 3 yuan."""
    fee = make.dish("送餐费", 300, "other", is_delivery_fee=True)
    residents = {"王秀英": make.resident(name="王秀英", born=BORN_1951, balance_fen=5000, community=""),
                 "李桂兰": make.resident(name="李桂兰", born=BORN_1951, balance_fen=5000, community="",
                                      categories=("disabled_care",)),
                 "赵建国": make.resident(name="赵建国", born=BORN_1951, balance_fen=5000, community=""),
                 "孙玉梅": make.resident(name="孙玉梅", born=BORN_1951, balance_fen=5000, community="")}
    place(database, residents["王秀英"], "幸福里小区3号楼2单元501室", "13800000001")
    place(database, residents["李桂兰"], "幸福里小区1号楼1单元101室", "13800000002")
    place(database, residents["赵建国"], "和平苑5栋302", "13800000003")
    place(database, residents["孙玉梅"], "幸福里小区2号楼1单元201室")
    orders = {name: book(database, rid) for name, rid in residents.items() if name != "孙玉梅"}
    orders["孙玉梅"] = book(database, residents["孙玉梅"], channel="dine_in")
    rider = make.user(username="rider-1", role="rider")
    other = make.user(username="rider-2", role="rider")
    return Round(kitchen, residents, orders, fee, rider, other, kitchen.staff)
