"""Standing orders become the day's meal orders at the cut-off: due days only, pauses and closed meals skipped,
a hand booking kept, and a second run books nothing."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from pos.audit import SYSTEM, AuditEntry
from pos.errors import CanteenError
from pos.orders import services, standing
from pos.orders.generation import Generated, book_all, generate_day, generate_orders
from pos.orders.models import MealOrder
from pos.orders.services import Booking
from pos.orders.standing import PauseIn, StandingOrderIn
from pos.orders.standing_models import StandingOrder, weekday_bits
from pos.residents.models import Resident
from pos.sales.orders import OrderItem
from tests.pos.orders.conftest import DAY, at, counts, publish

TZ = "Asia/Shanghai"
MADE = at(DAY - timedelta(days=2), 15)  # the Tuesday before
CUTOFF = at(DAY, 9, 30)  # lunch closes at 09:30 on its day
WEEKDAYS = weekday_bits([0, 1, 2, 3, 4])


def make_standing(database, kitchen, resident=None, when=MADE, **changes) -> int:
    given = StandingOrderIn(**{"resident_id": resident or kitchen.resident, "meal_period": "lunch",
                               "channel": "delivery", "weekdays": WEEKDAYS, "starts_on": when.date(), **changes})
    return standing.create_standing_order(database, given, kitchen.staff, when, TZ, "zh_CN")


def generated(database, day=DAY, period="lunch", when=CUTOFF) -> dict[str, int]:
    return generate_orders(database, day, period, when, TZ).counts()


def live_orders(database) -> list[tuple]:
    with database.reader() as session:
        return [(o.resident_id, o.day, o.meal_period, o.channel, o.standing_order_id, o.booked_by_staff_id,
                 o.set_meal, [(line.dish_id, line.qty) for line in o.lines])
                for o in session.scalars(select(MealOrder).where(MealOrder.status == "booked").order_by(MealOrder.id))]


def nothing(**changes) -> dict[str, int]:
    return {"booked": 0, "skipped_paused": 0, "skipped_booked": 0, "skipped_closed": 0, "skipped_gone": 0} | changes


def test_a_weekday_standing_order_books_the_set_meal_delivered_at_the_cut_off(database, kitchen):
    standing_id = make_standing(database, kitchen)
    assert generated(database) == nothing(booked=1)
    assert live_orders(database) == [(kitchen.resident, DAY, "lunch", "delivery", standing_id, None, True,
                                      [(kitchen.pork, 1), (kitchen.greens, 1)])]
    assert counts(database) == (1, 2, 0)  # orders, lines, and no sale: no money moves


def test_only_the_days_of_the_week_chosen_are_booked(database, kitchen, make):
    weekend = make.resident(name="李建国")
    thursday = make.resident(name="王秀英")
    make_standing(database, kitchen, weekend, weekdays=weekday_bits([5, 6]))
    make_standing(database, kitchen, thursday, weekdays=weekday_bits([3]), channel="pick_up")
    assert DAY.weekday() == 3
    assert generated(database) == nothing(booked=1)
    assert [(row[0], row[3]) for row in live_orders(database)] == [(thursday, "pick_up")]


def test_a_standing_order_books_only_within_its_dates(database, kitchen, make):
    later, ended = make.resident(name="李建国"), make.resident(name="王秀英")
    make_standing(database, kitchen, later, starts_on=DAY + timedelta(days=1))
    make_standing(database, kitchen, ended, ends_on=DAY - timedelta(days=1))
    make_standing(database, kitchen, ends_on=DAY)  # the last day counts
    assert generated(database) == nothing(booked=1)
    assert [row[0] for row in live_orders(database)] == [kitchen.resident]


def test_a_paused_day_is_skipped_and_the_day_after_the_pause_is_booked(database, kitchen, make):
    make_standing(database, kitchen)
    standing.add_pause(database, PauseIn(kitchen.resident, DAY - timedelta(days=1), DAY, "住院"), kitchen.staff,
                       MADE, TZ)
    assert generated(database) == nothing(skipped_paused=1)
    assert live_orders(database) == []
    friday = DAY + timedelta(days=1)
    publish(database, friday, "lunch", {"meat": kitchen.pork})
    assert generated(database, friday, when=at(friday, 9, 30)) == nothing(booked=1)


def test_a_meal_without_a_published_menu_or_not_served_counts_as_closed(database, kitchen, make):
    make_standing(database, kitchen)
    friday = DAY + timedelta(days=1)  # nothing published on Friday
    assert generated(database, friday, when=at(friday, 9, 30)) == nothing(skipped_closed=1)
    make_standing(database, kitchen, meal_period="breakfast")
    make.canteen_settings(hours={"lunch": "10:30-13:30", "dinner": "16:30-19:00"})  # breakfast no longer served
    assert generated(database, DAY, "breakfast", at(DAY, 9)) == nothing(skipped_closed=1)
    assert live_orders(database) == []


def test_a_second_run_books_nothing_new_and_one_audit_row_tells_the_first(database, kitchen, make):
    for name in ("李建国", "王秀英", "赵志强"):
        make_standing(database, kitchen, make.resident(name=name))
    assert generated(database) == nothing(booked=3)
    assert generated(database, when=at(DAY, 10)) == nothing(skipped_booked=3)
    assert counts(database) == (3, 6, 0)
    with database.reader() as session:
        rows = session.scalars(select(AuditEntry).where(AuditEntry.action == "order.standing_generated")).all()
        assert [(r.staff_id, r.subject, r.subject_id, r.after) for r in rows] == [
            (None, "meal_order", "2026-12-10/lunch", nothing(booked=3))]


def test_a_meal_booked_by_hand_keeps_its_order(database, kitchen):
    make_standing(database, kitchen)
    with database.unit_of_work() as session:
        services.book(session, Booking(kitchen.resident, DAY, "lunch", "dine_in", (OrderItem(kitchen.pork, 2),)),
                      kitchen.staff, at(DAY, 8), TZ, "zh_CN")
    assert generated(database) == nothing(skipped_booked=1)
    assert live_orders(database) == [(kitchen.resident, DAY, "lunch", "dine_in", None, kitchen.staff.staff_id, False,
                                      [(kitchen.pork, 2)])]


def test_a_run_racing_another_leaves_the_order_it_finds_to_the_partial_unique_index(database, kitchen):
    standing_id = make_standing(database, kitchen)
    assert generated(database) == nothing(booked=1)
    result = Generated(DAY, "lunch")
    with database.unit_of_work() as session:  # as if the other run committed after this one's checks
        book_all(session, 1, DAY, "lunch", [session.get_one(StandingOrder, standing_id)],
                 (OrderItem(kitchen.pork, 1),), CUTOFF, result)
    assert result.counts() == nothing(skipped_booked=1)
    assert counts(database) == (1, 2, 0)


def test_before_the_cut_off_nothing_is_generated(database, kitchen):
    make_standing(database, kitchen)
    with pytest.raises(CanteenError) as caught:
        generated(database, when=at(DAY, 9, 29, 59))
    assert (caught.value.code, str(caught.value)) == (
        "before_cutoff", "standing orders for 午餐 on 2026-12-10 are booked at its cut-off, 2026-12-10 09:30")
    assert counts(database) == (0, 0, 0)


def test_a_day_gone_by_is_refused(database, kitchen):
    with pytest.raises(CanteenError) as caught:
        generated(database, DAY - timedelta(days=1))
    assert (caught.value.code, caught.value.field) == ("day_past", "day")


def test_a_standing_order_made_after_the_cut_off_starts_with_the_next_meal(database, kitchen):
    make_standing(database, kitchen, when=at(DAY, 9, 45))
    assert generated(database, when=at(DAY, 10)) == nothing()


def test_an_ended_standing_order_or_a_resident_gone_books_nothing(database, kitchen, make):
    standing.end_standing_order(database, make_standing(database, kitchen), kitchen.staff, MADE)
    moved = make.resident(name="李建国")
    make_standing(database, kitchen, moved)
    with database.unit_of_work() as session:
        resident = session.get_one(Resident, moved)
        resident.status, resident.status_date = "moved_away", date(2026, 12, 9)
    assert generated(database) == nothing(skipped_gone=1)


def test_generate_day_runs_every_served_meal_whose_cut_off_has_passed(database, kitchen, make):
    make_standing(database, kitchen)
    make_standing(database, kitchen, meal_period="dinner", channel="pick_up")
    assert [(g.meal_period, g.booked) for g in generate_day(database, DAY, at(DAY, 10), TZ, SYSTEM)] == [
        ("breakfast", 0), ("lunch", 1)]
    assert [(g.meal_period, g.booked) for g in generate_day(database, DAY, at(DAY, 14), TZ)] == [
        ("breakfast", 0), ("lunch", 0), ("dinner", 1)]
    with pytest.raises(CanteenError) as caught:
        generate_day(database, DAY, at(DAY + timedelta(days=1), 10), TZ)
    assert caught.value.code == "day_past"
    with database.reader() as session:
        assert session.scalar(select(func.count()).select_from(MealOrder)) == 2
