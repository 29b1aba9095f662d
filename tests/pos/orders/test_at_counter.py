"""A booked meal at the counter: found for the meal being served, re-quoted when changed, served with the changes."""
from __future__ import annotations

from sqlalchemy import select

from pos.audit.models import AuditEntry
from pos.orders import services
from pos.orders.at_counter import booking_now, quote_changed
from pos.orders.models import MealOrder
from pos.orders.serving import AtCounter, serve_order
from pos.sales.orders import OrderItem
from tests.pos.orders.conftest import DAY, at, booked, counts

TZ = "Asia/Shanghai"
NOON = at(DAY, 12)



def found(database, kitchen, when=NOON):
    with database.unit_of_work() as session:
        return booking_now(session, kitchen.resident, when, TZ)


def test_the_booked_lunch_is_found_at_lunch_with_its_dishes(database, kitchen):
    order_id = booked(database, kitchen)
    assert found(database, kitchen) == {
        "order_id": order_id, "meal_period": "lunch", "channel": "dine_in", "set_meal": True,
        "items": [{"dish_id": kitchen.pork, "qty": 1}, {"dish_id": kitchen.greens, "qty": 1}]}


def test_nothing_is_found_at_dinner_for_a_delivery_or_once_cancelled(database, kitchen):
    order_id = booked(database, kitchen)
    assert found(database, kitchen, at(DAY, 17)) is None  # dinner is being served: the lunch order is not it
    services.cancel(database, order_id, kitchen.staff, at(DAY, 8), TZ, "zh_CN")
    assert found(database, kitchen) is None
    booked(database, kitchen, channel="delivery")
    assert found(database, kitchen) is None  # the riders take it


def test_a_pick_up_is_found_too(database, kitchen):
    booked(database, kitchen, channel="pick_up")
    assert found(database, kitchen)["channel"] == "pick_up"


def test_changed_dishes_are_quoted_at_todays_prices_and_subsidy(database, kitchen):
    order_id = booked(database, kitchen)
    with database.unit_of_work() as session:
        as_booked = quote_changed(session, order_id, None, NOON, TZ)
        changed = quote_changed(session, order_id, (OrderItem(kitchen.pork, 1), OrderItem(kitchen.rice, 2)), NOON, TZ)
    assert (as_booked.total_fen, as_booked.subsidy_fen, as_booked.payable_fen) == (1200, 200, 1000)
    assert (changed.total_fen, changed.subsidy_fen, changed.payable_fen, changed.balance_fen) == (1000, 200, 800, 5000)


def test_serving_with_changed_dishes_replaces_the_lines_audited_and_charges_them_once(database, kitchen):
    order_id = booked(database, kitchen)
    items = (OrderItem(kitchen.pork, 1), OrderItem(kitchen.rice, 2))
    first = serve_order(database, order_id, None, None, NOON, TZ, "zh_CN", counter=AtCounter(items))
    again = serve_order(database, order_id, None, None, NOON, TZ, "zh_CN",
                        counter=AtCounter((OrderItem(kitchen.greens, 5),)))
    assert (first.payload["sale"]["total_fen"], first.payload["sale"]["paid_fen"]) == (1000, 800)
    assert (again.replayed, again.payload) == (True, first.payload)
    with database.unit_of_work() as session:
        order = session.get_one(MealOrder, order_id)
        assert ([(line.dish_id, line.qty) for line in order.lines], order.set_meal) == (
            [(kitchen.pork, 1), (kitchen.rice, 2)], False)
        changed = session.scalars(select(AuditEntry).where(AuditEntry.action == "order.changed")).one()
        assert (changed.before, changed.after) == (
            {"lines": sorted([[kitchen.pork, 1], [kitchen.greens, 1]])},
            {"lines": sorted([[kitchen.pork, 1], [kitchen.rice, 2]])})
    assert counts(database) == (1, 2, 1)


def test_serving_with_the_booked_dishes_again_records_no_change(database, kitchen):
    order_id = booked(database, kitchen)
    serve_order(database, order_id, None, None, NOON, TZ, "zh_CN",
                counter=AtCounter((OrderItem(kitchen.greens, 1), OrderItem(kitchen.pork, 1))))
    with database.unit_of_work() as session:
        assert session.scalars(select(AuditEntry.action).where(AuditEntry.action.like("order.%"))
                               .order_by(AuditEntry.id)).all() == ["order.booked", "order.served"]
        assert session.get_one(MealOrder, order_id).set_meal is True
