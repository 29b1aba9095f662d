"""The /me booking page's services: the week's meals with their expected price, booking and cancelling as the
resident or a linked family member, and every refusal writing nothing."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from pos.audit import AuditEntry
from pos.errors import CanteenError
from pos.family.services import FamilyIn, add_family_member
from pos.idempotency import IdempotentRequest, RequestKey
from pos.me import booking
from pos.me.holder import Holder
from pos.me.meals import meal_days, upcoming
from pos.orders.models import MealOrder
from pos.orders.services import Booking
from tests.pos.orders.conftest import DAY, at, counts, kitchen  # noqa: F401

TZ = "Asia/Shanghai"
EVENING_BEFORE = at(DAY - timedelta(days=1), 18)
LUNCH = {"day": DAY, "meal_period": "lunch", "closes": at(DAY, 9, 30), "open": True, "dishes": ["红烧肉", "清炒油菜"],
         "total_fen": 1200, "subsidy_fen": 200, "payable_fen": 1000, "order": None}
DINNER = {"day": DAY, "meal_period": "dinner", "closes": at(DAY, 14), "open": True, "dishes": ["红烧肉"],
          "total_fen": 800, "subsidy_fen": 0, "payable_fen": 800, "order": None}


def days(database, resident_id, now=EVENING_BEFORE):
    with database.reader() as session:
        return meal_days(session, resident_id, now, TZ, "zh_CN")


def book(database, holder, resident_id, now=EVENING_BEFORE, key="me-book-0001", channel="delivery"):
    return booking.book_meal(database, holder, Booking(resident_id, DAY, "lunch", channel),
                             RequestKey.of({"idempotency_key": key, "channel": channel}), now, TZ, "zh_CN")


def test_the_week_shows_each_published_meal_with_its_expected_price(database, kitchen):  # noqa: F811
    assert days(database, kitchen.resident) == [{"day": DAY, "meals": [
        LUNCH | {"choices": [(kitchen.pork, "红烧肉"), (kitchen.greens, "清炒油菜")]},
        DINNER | {"choices": [(kitchen.pork, "红烧肉")]}]}]
    assert days(database, kitchen.resident, at(DAY - timedelta(days=7), 18)) == []  # DAY is 7 days on: not shown


def test_a_resident_books_their_lunch_and_sees_it_booked(database, kitchen):  # noqa: F811
    answer = book(database, Holder(resident_id=kitchen.resident), kitchen.resident)
    assert (answer.payload["channel"], answer.payload["quote"]["payable_fen"], answer.replayed) == ("delivery", 1000,
                                                                                                      False)
    assert book(database, Holder(resident_id=kitchen.resident), kitchen.resident).replayed  # the same post again
    lunch = days(database, kitchen.resident)[0]["meals"][0]
    assert lunch == LUNCH | {"order": {"id": answer.payload["id"], "channel": "delivery"},
                             "choices": [(kitchen.pork, "红烧肉"), (kitchen.greens, "清炒油菜")]}
    with database.reader() as session:
        order = session.scalars(select(MealOrder)).one()
        assert (order.booked_by_resident_id, order.booked_by_staff_id, order.booked_by_family_member_id) == (
            kitchen.resident, None, None)
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "order.booked")).one()
        assert (entry.resident_id, entry.staff_id, entry.family_member_id) == (kitchen.resident, None, None)
        assert upcoming(session, kitchen.resident, DAY - timedelta(days=1), "zh_CN") == [
            {"id": order.id, "day": DAY, "meal_period": "lunch", "channel": "delivery", "dishes": ["红烧肉", "清炒油菜"]}]
    assert counts(database) == (1, 2, 0)


def test_after_the_cut_off_the_meal_is_closed_and_a_booking_changes_nothing(database, kitchen):  # noqa: F811
    late = at(DAY, 9, 30)
    assert days(database, kitchen.resident, late)[0]["meals"][0]["open"] is False
    with pytest.raises(CanteenError) as caught:
        book(database, Holder(resident_id=kitchen.resident), kitchen.resident, now=late)
    assert (caught.value.code, str(caught.value)) == ("booking_closed",
                                                      "booking 午餐 for 2026-12-10 closed at 2026-12-10 09:30")
    assert counts(database) == (0, 0, 0)
    with database.reader() as session:
        assert session.scalar(select(func.count()).select_from(IdempotentRequest)) == 0


def test_cancelling_until_the_cut_off_and_not_after(database, kitchen):  # noqa: F811
    me = Holder(resident_id=kitchen.resident)
    first = book(database, me, kitchen.resident).payload["id"]
    with database.reader() as session, pytest.raises(CanteenError) as caught:
        booking.cancel_meal(database, session, me, first, at(DAY, 9, 30), TZ, "zh_CN")
    assert caught.value.code == "booking_closed"
    with database.reader() as session:
        assert booking.cancel_meal(database, session, me, first, at(DAY, 9, 29), TZ, "zh_CN")["status"] == "cancelled"
    assert days(database, kitchen.resident, at(DAY, 9, 29))[0]["meals"][0]["order"] is None


def test_a_family_member_books_for_their_relative_and_is_named(database, kitchen, make):  # noqa: F811
    son = add_family_member(database, kitchen.resident, FamilyIn("李强", "13912345678", "儿子", "4682"),
                            kitchen.staff, EVENING_BEFORE)["id"]
    answer = book(database, Holder(family_member_id=son), kitchen.resident)
    with database.reader() as session:
        order = session.get_one(MealOrder, answer.payload["id"])
        assert (order.booked_by_family_member_id, order.booked_by_resident_id) == (son, None)
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "order.booked")).one()
        assert (entry.family_member_id, entry.resident_id, entry.staff_id) == (son, None, None)


def test_nobody_books_or_cancels_for_a_resident_not_theirs(database, kitchen, make):  # noqa: F811
    other = make.resident(name="王建国", balance_fen=3000)
    stranger = add_family_member(database, other, FamilyIn("王芳", "13800001111", "女儿", "1357"),
                                 kitchen.staff, EVENING_BEFORE)["id"]
    for holder, code in ((Holder(family_member_id=stranger), "not_linked"), (Holder(resident_id=other), "not_yours")):
        with pytest.raises(CanteenError) as caught:
            book(database, holder, kitchen.resident, key=f"forged-{code}")
        assert (caught.value.status, caught.value.code) == (403, code)
    assert counts(database) == (0, 0, 0)
    order = book(database, Holder(resident_id=kitchen.resident), kitchen.resident).payload["id"]
    with database.reader() as session, pytest.raises(CanteenError) as caught:
        booking.cancel_meal(database, session, Holder(family_member_id=stranger), order, EVENING_BEFORE, TZ, "zh_CN")
    assert caught.value.code == "not_linked"
    with database.reader() as session:
        assert session.get_one(MealOrder, order).status == "booked"
        assert session.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.action.like("order.%"))) == 1
