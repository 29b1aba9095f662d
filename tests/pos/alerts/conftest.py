"""Residents with a phone, an address and an emergency contact, meal orders of chosen days, and daily meals."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import update

from pos.audit import Actor
from pos.orders.models import MealOrder
from pos.residents.models import Resident
from tests.support.selling import Till, local

TODAY = date(2026, 12, 10)  # a Thursday
NOW = datetime(2026, 12, 10, 4, 30, tzinfo=timezone.utc)  # 12:30 in Shanghai


def contacts(database, resident_id: int, phone: str = "13812345678", address: str = "3号楼2单元501",
             emergency_name: str = "李建国", emergency_phone: str = "13900001111") -> int:
    """Give a resident a phone, an address and an emergency contact; returns the id."""
    with database.unit_of_work() as session:
        session.execute(update(Resident).where(Resident.id == resident_id).values(
            phone=phone, address=address, emergency_name=emergency_name, emergency_phone=emergency_phone))
    return resident_id


def order(database, resident_id: int, day: date, status: str = "booked", channel: str = "delivery",
          period: str = "lunch") -> int:
    """A meal order of `day` in `status` (not served, booked, cancelled), as the orders feature leaves it."""
    with database.unit_of_work() as session:
        row = MealOrder(resident_id=resident_id, day=day, meal_period=period, channel=channel, status=status,
                        set_meal=True, booked_at=local(day - timedelta(days=1), 10))
        session.add(row)
        session.flush()
        return row.id


@dataclass
class Canteen:
    till: Till
    dish: int
    manager: Actor

    def meals(self, card: str, first: date, last: date) -> None:
        """A lunch at the counter every day from `first` to `last`, both included."""
        day = first
        while day <= last:
            sold = self.till.sell(local(day, 11, 30), {"card_uid": card}, (self.dish, 1))
            assert "sale_id" in sold, sold
            day += timedelta(days=1)


@pytest.fixture
def canteen(app, make) -> Canteen:
    """The canteen on the demo policy, a counter with its cashier, a 12-yuan dish and a manager."""
    make.canteen()
    till = Till.open(app, make)
    manager = make.user("经理", role="manager")
    return Canteen(till, make.dish("红烧肉", 1200), Actor(staff_id=manager.id))
