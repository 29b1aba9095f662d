"""Raising an alert (once per order, audited) and acknowledging it with a note (once, audited)."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from pos.alerts.models import Alert
from pos.alerts.services import AlertView, acknowledge, acknowledged_alerts, open_alerts, raise_alert
from pos.audit import AuditEntry, history
from pos.errors import Conflict, InvalidInput, NotFound
from tests.pos.alerts.conftest import NOW, TODAY, contacts, order

DETAILS = {"meal_period": "lunch", "rider": "王师傅"}


@pytest.fixture
def zhang(make, database) -> int:
    make.canteen()
    return contacts(database, make.resident("张桂兰", born=date(1940, 2, 3)))


@pytest.fixture
def rider(make):
    from pos.audit import Actor
    return Actor(staff_id=make.user("王师傅", role="manager").id)


def raise_for(database, resident: int, details: dict, actor, now=NOW) -> int:
    with database.unit_of_work() as session:
        return raise_alert(session, "missed_delivery", resident, details, actor, now)


def test_raise_adds_an_open_alert_with_whom_to_call(database, zhang, rider):
    lunch = order(database, zhang, TODAY, status="not_served")
    alert_id = raise_for(database, zhang, {"order_id": lunch, **DETAILS}, rider)
    with database.reader() as session:
        assert open_alerts(session) == [AlertView(
            alert_id, "missed_delivery", zhang, "张桂兰", "13812345678", "新百汇社区 3号楼2单元501", "李建国",
            "13900001111", NOW, {"order_id": lunch, "meal_period": "lunch", "rider": "王师傅"})]
        [entry] = history(session, "alert", alert_id)
        assert (entry.action, entry.staff_id, entry.after) == ("alert.raised", rider.staff_id, {
            "kind": "missed_delivery", "resident_id": zhang,
            "details": {"order_id": lunch, "meal_period": "lunch", "rider": "王师傅"}})


def test_a_retried_tap_returns_the_first_alert(database, zhang, rider):
    lunch = order(database, zhang, TODAY, status="not_served")
    first = raise_for(database, zhang, {"order_id": lunch, **DETAILS}, rider)
    again = raise_for(database, zhang, {"order_id": lunch, "rider": "王师傅"}, rider, NOW + timedelta(seconds=40))
    dinner = order(database, zhang, TODAY, status="not_served", period="dinner")
    other = raise_for(database, zhang, {"order_id": dinner, **DETAILS}, rider)
    assert again == first and other == first + 1
    with database.reader() as session:
        assert session.scalar(select(func.count()).select_from(Alert)) == 2
        assert session.scalar(select(func.count()).select_from(AuditEntry)
                              .where(AuditEntry.action == "alert.raised")) == 2


def test_the_same_order_acknowledged_is_not_raised_again(database, zhang, rider):
    lunch = order(database, zhang, TODAY, status="not_served")
    first = raise_for(database, zhang, {"order_id": lunch}, rider)
    acknowledge(database, first, "已联系女儿，老人在医院", rider, NOW)
    assert raise_for(database, zhang, {"order_id": lunch}, rider) == first
    with database.reader() as session:
        assert open_alerts(session) == []


def test_raise_refuses_an_unknown_kind_resident_or_order(make, database, zhang, rider):
    with pytest.raises(InvalidInput) as kind, database.unit_of_work() as session:
        raise_alert(session, "lost", zhang, {}, rider, NOW)
    assert kind.value.field == "kind"
    with pytest.raises(NotFound) as nobody:
        raise_for(database, zhang + 99, {}, rider)
    assert nobody.value.code == "no_resident"
    with pytest.raises(NotFound) as no_order:
        raise_for(database, zhang, {"order_id": 4242}, rider)
    assert no_order.value.code == "no_order"
    with pytest.raises(InvalidInput) as bad_order:
        raise_for(database, zhang, {"order_id": "12"}, rider)
    assert bad_order.value.field == "details.order_id"
    someone_else = order(database, make.resident("李秀英", born=date(1942, 5, 6)), TODAY, status="not_served")
    with pytest.raises(InvalidInput) as not_hers:
        raise_for(database, zhang, {"order_id": someone_else}, rider)
    assert not_hers.value.field == "details.order_id"
    with database.reader() as session:
        assert session.scalar(select(func.count()).select_from(Alert)) == 0


def test_acknowledge_needs_a_note(app, database, zhang, rider):
    alert_id = raise_for(database, zhang, {"order_id": order(database, zhang, TODAY, status="not_served")}, rider)
    for blank in ("", "   "):
        with pytest.raises(InvalidInput) as refused:
            acknowledge(database, alert_id, blank, rider, NOW)
        assert refused.value.field == "note"
    with app.test_request_context():
        assert refused.value.localised() == "备注：必须填写：做了什么，例如给谁打了电话"
    with database.reader() as session:
        assert [a.id for a in open_alerts(session)] == [alert_id]
        assert [e.action for e in history(session, "alert", alert_id)] == ["alert.raised"]


def test_acknowledge_records_who_when_and_the_note_once(app, database, zhang, rider):
    alert_id = raise_for(database, zhang, {"order_id": order(database, zhang, TODAY, status="not_served")}, rider)
    later = NOW + timedelta(minutes=20)
    done = acknowledge(database, alert_id, " 已打电话给女儿李建国，老人去医院复查了 ", rider, later)
    assert (done.acknowledged_at, done.acknowledged_by, done.note) == (later, "王师傅", "已打电话给女儿李建国，老人去医院复查了")
    with pytest.raises(Conflict) as twice:
        acknowledge(database, alert_id, "再次确认", rider, later + timedelta(minutes=1))
    assert twice.value.code == "already_acknowledged"
    with app.test_request_context():
        assert twice.value.localised() == "这条提醒已由王师傅处理：已打电话给女儿李建国，老人去医院复查了"
    with database.reader() as session:
        assert open_alerts(session) == []
        assert [(a.id, a.note) for a in acknowledged_alerts(session)] == [(alert_id, "已打电话给女儿李建国，老人去医院复查了")]
        entries = history(session, "alert", alert_id)
        assert [(e.action, e.before, e.after, e.note) for e in entries] == [
            ("alert.raised", None, entries[0].after, ""),
            ("alert.acknowledged", {"acknowledged": False}, {"acknowledged": True, "note": "已打电话给女儿李建国，老人去医院复查了"},
             "已打电话给女儿李建国，老人去医院复查了")]


def test_acknowledging_no_such_alert_is_not_found(database, zhang, rider):
    with pytest.raises(NotFound):
        acknowledge(database, 999, "note", rider, NOW)
