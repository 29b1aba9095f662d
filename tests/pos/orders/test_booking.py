"""Booking and cancelling meals: every check refuses with a clear message and writes nothing; no money moves."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from pos.audit import AuditEntry
from pos.errors import CanteenError
from pos.ledger.posting import wallet_of
from pos.orders import services
from pos.orders.listing import list_orders, shortfalls
from pos.orders.services import Booking
from pos.residents.models import Resident
from pos.sales.orders import OrderItem
from tests.pos.orders.conftest import DAY, at, counts

TZ = "Asia/Shanghai"
BEFORE = at(DAY - timedelta(days=1), 18)  # the evening before: every meal of DAY is open


def book(database, kitchen, when=BEFORE, locale="zh_CN", **changes):
    booking = Booking(**{"resident_id": kitchen.resident, "day": DAY, "meal_period": "lunch",
                         "channel": "dine_in", **changes})
    with database.unit_of_work() as session:
        return services.book(session, booking, kitchen.staff, when, TZ, locale)


def refused(database, kitchen, **changes) -> CanteenError:
    before = counts(database)
    with pytest.raises(CanteenError) as caught:
        book(database, kitchen, **changes)
    assert counts(database) == before
    return caught.value


def test_the_set_meal_is_booked_with_its_expected_price_and_no_money_moves(database, kitchen):
    order = book(database, kitchen)
    assert {k: order[k] for k in ("resident_name", "day", "meal_period", "channel", "status", "set_meal",
                                  "sale_id", "cancelled_at")} == {
        "resident_name": "张桂兰", "day": "2026-12-10", "meal_period": "lunch", "channel": "dine_in",
        "status": "booked", "set_meal": True, "sale_id": None, "cancelled_at": None}
    assert order["lines"] == [{"dish_id": kitchen.pork, "name": "红烧肉", "qty": 1},
                              {"dish_id": kitchen.greens, "name": "清炒油菜", "qty": 1}]
    assert order["quote"] == {"total_fen": 1200, "subsidy_fen": 200, "payable_fen": 1000, "balance_fen": 5000}
    assert counts(database) == (1, 2, 0)
    with database.unit_of_work() as session:
        assert wallet_of(session, kitchen.resident).balance_fen == 5000
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "order.booked")).one()
        assert (entry.staff_id, entry.subject_id, entry.after["payable_fen"]) == (
            kitchen.staff.staff_id, str(order["id"]), 1000)


def test_dishes_of_the_menu_are_booked_as_chosen(database, kitchen):
    order = book(database, kitchen, channel="delivery", items=(OrderItem(kitchen.pork, 2),))
    assert (order["set_meal"], order["channel"], order["lines"]) == (
        False, "delivery", [{"dish_id": kitchen.pork, "name": "红烧肉", "qty": 2}])
    assert order["quote"] == {"total_fen": 1600, "subsidy_fen": 200, "payable_fen": 1400, "balance_fen": 5000}


def test_a_day_gone_by_is_refused(database, kitchen):
    error = refused(database, kitchen, day=date(2026, 12, 8))
    assert (error.code, error.field, str(error)) == ("day_past", "day",
                                                     "2026-12-08 has gone by; book a meal for today or a later day")


def test_a_meal_the_canteen_does_not_serve_is_refused(database, kitchen, make):
    make.canteen_settings(hours={"lunch": "10:30-13:30", "dinner": "16:30-19:00"})
    error = refused(database, kitchen, meal_period="breakfast")
    assert (error.code, error.field, str(error)) == ("meal_not_served", "meal_period", "the canteen does not serve 早餐")


def test_a_dish_not_on_the_day_s_menu_is_refused(database, kitchen):
    error = refused(database, kitchen, items=(OrderItem(kitchen.pork, 1), OrderItem(kitchen.rice, 1)))
    assert (error.code, error.field, str(error)) == ("dish_not_on_menu", "items[1].dish_id",
                                                     "米饭 is not on the menu of 午餐 on 2026-12-10")


def test_the_set_meal_of_a_day_without_a_menu_is_refused(database, kitchen):
    error = refused(database, kitchen, day=DAY + timedelta(days=1))
    assert (error.code, str(error)) == ("no_menu", "no menu is published for 午餐 on 2026-12-11 yet, so there is no "
                                                   "set meal to book")


def test_a_resident_moved_away_is_refused(database, kitchen):
    with database.unit_of_work() as session:
        resident = session.get_one(Resident, kitchen.resident)
        resident.status, resident.status_date = "moved_away", DAY - timedelta(days=1)
    error = refused(database, kitchen)
    assert (error.code, str(error)) == ("resident_gone", "张桂兰 has moved away or died; no meal can be booked for them")


def test_a_second_order_for_the_same_meal_is_refused(database, kitchen):
    book(database, kitchen)
    error = refused(database, kitchen, channel="delivery")
    assert (error.code, str(error)) == ("already_booked", "张桂兰 already has 午餐 booked on 2026-12-10; cancel it "
                                                          "first to book another")
    assert book(database, kitchen, meal_period="dinner")["status"] == "booked"  # another meal is another order


def test_refusals_speak_english_on_the_switch(database, kitchen):
    with pytest.raises(CanteenError) as caught:
        book(database, kitchen, meal_period="lunch", when=at(DAY, 9, 30), locale="en")
    assert str(caught.value) == "booking lunch for 2026-12-10 closed at 2026-12-10 09:30"


@pytest.mark.parametrize(("when", "open_"), [
    (at(DAY, 9, 29, 59), True), (at(DAY, 9, 30, 0), False), (at(DAY, 9, 30, 1), False)])
def test_lunch_books_until_09_30_the_same_day(database, kitchen, when, open_):
    if open_:
        assert book(database, kitchen, when=when)["status"] == "booked"
    else:
        error = refused(database, kitchen, when=when)
        assert (error.code, str(error)) == ("booking_closed", "booking 午餐 for 2026-12-10 closed at 2026-12-10 09:30")


def test_breakfast_closes_at_19_00_the_day_before(database, kitchen, make, app):
    from tests.pos.orders.conftest import publish

    publish(database, DAY, "breakfast", {"porridge": kitchen.rice})
    eve = DAY - timedelta(days=1)
    assert refused(database, kitchen, meal_period="breakfast", when=at(eve, 19)).code == "booking_closed"
    assert book(database, kitchen, meal_period="breakfast", when=at(eve, 18, 59, 59))["status"] == "booked"


def test_a_cut_off_set_on_settings_is_kept(database, kitchen, make):
    make.canteen_settings(order_cutoffs={"lunch": "1@16:00"})
    eve = DAY - timedelta(days=1)
    assert refused(database, kitchen, when=at(eve, 16)).code == "booking_closed"
    assert book(database, kitchen, when=at(eve, 15, 59, 59))["status"] == "booked"


def cancel(database, kitchen, order_id, when):
    return services.cancel(database, order_id, kitchen.staff, when, TZ, "zh_CN")


def test_a_meal_is_cancelled_until_its_cut_off_and_not_after(database, kitchen):
    first = book(database, kitchen)
    with pytest.raises(CanteenError) as caught:
        cancel(database, kitchen, first["id"], at(DAY, 9, 30))
    assert (caught.value.code, str(caught.value)) == (
        "booking_closed", "午餐 on 2026-12-10 can no longer be cancelled: cancelling closed at 2026-12-10 09:30")
    cancelled = cancel(database, kitchen, first["id"], at(DAY, 9, 29, 59))
    assert (cancelled["status"], cancelled["cancelled_at"][:19]) == ("cancelled", "2026-12-10T09:29:59")
    with pytest.raises(CanteenError) as again:
        cancel(database, kitchen, first["id"], at(DAY, 9, 29, 59))
    assert str(again.value) == "this order is 已取消; only a booked meal can be cancelled or served"
    assert book(database, kitchen)["status"] == "booked"  # cancelled: the meal may be booked again
    with database.unit_of_work() as session:
        assert [e.action for e in session.scalars(select(AuditEntry).where(AuditEntry.subject == "meal_order")
                                                  .order_by(AuditEntry.id))] == [
            "order.booked", "order.cancelled", "order.booked"]


def test_the_day_s_orders_are_listed_and_counted_by_meal(database, kitchen, make):
    other = make.resident(name="李建国", balance_fen=300)
    book(database, kitchen)
    book(database, kitchen, resident_id=other, meal_period="dinner")
    cancelled = book(database, kitchen, resident_id=other)
    cancel(database, kitchen, cancelled["id"], BEFORE)
    with database.unit_of_work() as session:
        listed = list_orders(session, DAY, None, "zh_CN")
        lunch = list_orders(session, DAY, "lunch", "zh_CN")
    assert listed["booked"] == {"breakfast": 0, "lunch": 1, "dinner": 1}
    assert [(o["resident_name"], o["meal_period"], o["status"]) for o in listed["orders"]] == [
        ("李建国", "lunch", "cancelled"), ("张桂兰", "lunch", "booked"), ("李建国", "dinner", "booked")]
    assert [o["meal_period"] for o in lunch["orders"]] == ["lunch", "lunch"]


def test_wallets_that_cannot_cover_tomorrow_s_bookings_are_listed(database, kitchen, make):
    poor = make.resident(name="李建国", born=date(1960, 1, 1), balance_fen=1500)  # 66: 1 yuan off a 10-yuan meal
    book(database, kitchen)  # 10 yuan payable, 50 in the wallet: covered
    book(database, kitchen, resident_id=poor)  # 12 yuan, 11 payable
    book(database, kitchen, resident_id=poor, meal_period="dinner")  # 8 more: 19 > 15
    with database.unit_of_work() as session:
        short = shortfalls(session, DAY, BEFORE, TZ)
    assert [(s.name, s.payable_fen, s.balance_fen, len(s.order_ids)) for s in short] == [("李建国", 1900, 1500, 2)]


def test_a_wallet_short_of_the_full_price_but_not_of_the_subsidised_one_is_not_listed(database, kitchen, make):
    # 12 yuan at list price, 11 payable after the subsidy: 11.50 in the wallet covers it.
    just = make.resident(name="王淑珍", born=date(1960, 1, 1), balance_fen=1150)
    book(database, kitchen, resident_id=just)
    with database.unit_of_work() as session:
        assert shortfalls(session, DAY, BEFORE, TZ) == []


def test_two_staff_booking_the_same_meal_at_once_make_one_order(database, kitchen):
    from tests.support.races import at_once, writers_in_step

    def attempt():
        try:
            return book(database, kitchen)["status"]
        except CanteenError as exc:
            return exc.code

    with writers_in_step(database, 2):
        outcomes = at_once([attempt, attempt])
    assert sorted(outcomes) == ["already_booked", "booked"]
    assert counts(database) == (1, 2, 0)
