"""Standing orders and pauses: made, ended, added, removed and audited; each refusal names its field and
stores nothing."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from pos.audit import AuditEntry
from pos.errors import CanteenError
from pos.orders import standing
from pos.orders.standing import PauseIn, StandingOrderIn
from pos.orders.standing_models import OrderPause, StandingOrder, weekday_bits, weekday_list
from tests.pos.orders.conftest import DAY, at

TZ = "Asia/Shanghai"
NOW = at(DAY - timedelta(days=1), 15)  # Wednesday afternoon
WEEKDAYS = weekday_bits([0, 1, 2, 3, 4])


def given(kitchen, **changes) -> StandingOrderIn:
    return StandingOrderIn(**{"resident_id": kitchen.resident, "meal_period": "lunch", "channel": "delivery",
                              "weekdays": WEEKDAYS, "starts_on": DAY, **changes})


def create(database, kitchen, **changes) -> int:
    return standing.create_standing_order(database, given(kitchen, **changes), kitchen.staff, NOW, TZ, "zh_CN")


def stored(database) -> tuple[int, int, int]:
    """Standing orders, pauses and audit rows in the database."""
    with database.reader() as session:
        return tuple(session.scalar(select(func.count()).select_from(model))  # type: ignore[return-value]
                     for model in (StandingOrder, OrderPause, AuditEntry))


def refused(database, call) -> CanteenError:
    before = stored(database)
    with pytest.raises(CanteenError) as caught:
        call()
    assert stored(database) == before
    return caught.value


def test_weekdays_are_a_bitmask_monday_lowest():
    assert (WEEKDAYS, weekday_list(WEEKDAYS), weekday_bits([6, 6, 9])) == (31, [0, 1, 2, 3, 4], 64)


def test_a_standing_order_is_made_and_audited(database, kitchen):
    standing_id = create(database, kitchen, ends_on=DAY + timedelta(days=30))
    with database.reader() as session:
        row = session.get_one(StandingOrder, standing_id)
        assert (row.resident_id, row.meal_period, row.channel, row.weekdays, row.starts_on, row.ends_on, row.active,
                row.set_meal, row.created_by_staff_id) == (
            kitchen.resident, "lunch", "delivery", 31, DAY, DAY + timedelta(days=30), True, True, kitchen.staff.staff_id)
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "standing_order.created")).one()
        assert (entry.staff_id, entry.subject_id, entry.after) == (kitchen.staff.staff_id, str(standing_id), {
            "resident_id": kitchen.resident, "meal_period": "lunch", "channel": "delivery",
            "weekdays": [0, 1, 2, 3, 4], "starts_on": "2026-12-10", "ends_on": "2027-01-09"})


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"weekdays": 0}, "weekdays", "choose at least one day of the week"),
    ({"starts_on": DAY - timedelta(days=2)}, "starts_on",
     "2026-12-08 has gone by; a standing order starts today or later"),
    ({"ends_on": DAY - timedelta(days=1)}, "ends_on", "must be on or after the first day, 2026-12-10"),
    ({"channel": "drone"}, "channel", "must be one of dine_in, pick_up, delivery"),
    ({"meal_period": "supper"}, "meal_period", "must be one of breakfast, lunch, dinner"),
])
def test_a_standing_order_that_makes_no_sense_is_refused_naming_its_field(database, kitchen, changes, field, message):
    error = refused(database, lambda: create(database, kitchen, **changes))
    assert (error.field, str(error)) == (field, message)


def test_a_meal_not_served_and_a_second_standing_order_of_a_meal_are_refused(database, kitchen, make):
    create(database, kitchen)
    error = refused(database, lambda: create(database, kitchen, channel="pick_up", weekdays=weekday_bits([5])))
    assert (error.code, error.field, str(error)) == (
        "standing_order_exists", "meal_period", "张桂兰 already has a standing order for 午餐; end it first to make another")
    make.canteen_settings(hours={"lunch": "10:30-13:30", "dinner": "16:30-19:00"})
    error = refused(database, lambda: create(database, kitchen, meal_period="breakfast"))
    assert (error.code, error.field) == ("meal_not_served", "meal_period")


def test_ending_a_standing_order_frees_its_meal_for_a_new_one(database, kitchen):
    first = create(database, kitchen)
    assert standing.end_standing_order(database, first, kitchen.staff, NOW) == kitchen.resident
    error = refused(database, lambda: standing.end_standing_order(database, first, kitchen.staff, NOW))
    assert (error.code, str(error)) == ("standing_order_ended", "this standing order has already ended")
    second = create(database, kitchen, channel="pick_up")
    with database.reader() as session:
        assert [(s.id, s.active, s.ended_at is not None) for s in
                session.scalars(select(StandingOrder).order_by(StandingOrder.id))] == [
            (first, False, True), (second, True, False)]
        assert [e.action for e in session.scalars(select(AuditEntry).order_by(AuditEntry.id))][-3:] == [
            "standing_order.created", "standing_order.ended", "standing_order.created"]
    assert refused(database, lambda: standing.end_standing_order(database, 999, kitchen.staff, NOW)).code == \
        "no_standing_order"


def pause(database, kitchen, first=DAY, last=DAY + timedelta(days=3), reason="住院") -> int:
    return standing.add_pause(database, PauseIn(kitchen.resident, first, last, reason), kitchen.staff, NOW, TZ)


def test_a_pause_is_added_and_removed_with_an_audit_row_each(database, kitchen):
    pause_id = pause(database, kitchen, reason="  住院  ")
    with database.reader() as session:
        row = session.get_one(OrderPause, pause_id)
        assert (row.resident_id, row.from_day, row.to_day, row.reason) == (
            kitchen.resident, DAY, DAY + timedelta(days=3), "住院")
    assert standing.remove_pause(database, pause_id, kitchen.staff, NOW) == kitchen.resident
    with database.reader() as session:
        assert session.get(OrderPause, pause_id) is None
        assert [(e.action, e.before, e.after) for e in session.scalars(
            select(AuditEntry).where(AuditEntry.subject == "order_pause").order_by(AuditEntry.id))] == [
            ("order_pause.added", None, {"resident_id": kitchen.resident, "from_day": "2026-12-10",
                                         "to_day": "2026-12-13", "reason": "住院"}),
            ("order_pause.removed", {"resident_id": kitchen.resident, "from_day": "2026-12-10",
                                     "to_day": "2026-12-13", "reason": "住院"}, None)]
    assert refused(database, lambda: standing.remove_pause(database, pause_id, kitchen.staff, NOW)).code == "no_pause"


@pytest.mark.parametrize(("first", "last", "reason", "field", "message"), [
    (DAY, DAY - timedelta(days=1), "住院", "to_day", "must be on or after the first day of the pause, 2026-12-10"),
    (DAY - timedelta(days=5), DAY - timedelta(days=2), "住院", "to_day",
     "2026-12-08 has gone by; a pause must cover today or a later day"),
    (DAY, DAY, "   ", "reason", "say why the meals pause (a hospital stay, travel)"),
])
def test_a_pause_that_makes_no_sense_is_refused_naming_its_field(database, kitchen, first, last, reason, field,
                                                                  message):
    error = refused(database, lambda: pause(database, kitchen, first, last, reason))
    assert (error.field, str(error)) == (field, message)


def test_an_overlapping_pause_is_refused_and_one_after_it_is_not(database, kitchen):
    pause(database, kitchen)
    error = refused(database, lambda: pause(database, kitchen, DAY + timedelta(days=3), DAY + timedelta(days=5)))
    assert (error.code, error.field, str(error)) == (
        "pause_overlaps", "from_day",
        "张桂兰 already has a pause from 2026-12-10 to 2026-12-13 that covers some of these days")
    pause(database, kitchen, DAY + timedelta(days=4), DAY + timedelta(days=5))
    assert stored(database)[1] == 2
