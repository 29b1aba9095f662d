"""Booked meals nobody came for are marked not served once their meal is over; deliveries wait for the day's end."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from pos.audit.models import AuditEntry
from pos.orders import services
from pos.orders.lapsing import lapse_unserved
from pos.orders.models import MealOrder
from pos.orders.services import Booking
from pos.orders.serving import serve_order
from tests.pos.orders.conftest import DAY, at

TZ = "Asia/Shanghai"


def book(database, kitchen, resident, period="lunch", channel="dine_in"):
    with database.unit_of_work() as session:
        return services.book(session, Booking(resident, DAY, period, channel), kitchen.staff, at(DAY, 8), TZ,
                             "zh_CN")["id"]


def statuses(database) -> dict[int, str]:
    with database.unit_of_work() as session:
        return dict(session.execute(select(MealOrder.id, MealOrder.status)).all())


def test_after_lunch_the_uncollected_lunches_lapse_and_the_rest_wait(database, kitchen, make):
    others = [make.resident(name=name, balance_fen=5000) for name in ("李秀英", "王建国", "赵淑珍")]
    came = book(database, kitchen, kitchen.resident)
    stayed_home = book(database, kitchen, others[0], channel="pick_up")
    delivery = book(database, kitchen, others[1], channel="delivery")
    dinner = book(database, kitchen, others[2], period="dinner")
    serve_order(database, came, None, None, at(DAY, 12), TZ, "zh_CN")
    assert lapse_unserved(database, at(DAY, 12), TZ) == 0  # lunch is still being served
    assert lapse_unserved(database, at(DAY, 14), TZ) == 1
    assert statuses(database) == {came: "served", stayed_home: "not_served", delivery: "booked", dinner: "booked"}
    assert lapse_unserved(database, at(DAY + timedelta(days=1), 0, 5), TZ) == 2  # the day is over
    assert lapse_unserved(database, at(DAY + timedelta(days=1), 0, 6), TZ) == 0
    with database.unit_of_work() as session:
        assert [entry.after for entry in session.scalars(select(AuditEntry).where(
            AuditEntry.action == "order.lapsed").order_by(AuditEntry.id))] == [{"orders": 1}, {"orders": 2}]
