"""Two taps at the same moment: one alert and one audit row; two acknowledgements at once: one wins, one is told.
Run on SQLite and PostgreSQL (where each round holds both transactions until both have begun)."""
from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from pos.alerts.models import Alert
from pos.alerts.services import acknowledge, raise_alert
from pos.audit import Actor, AuditEntry
from pos.errors import Conflict
from tests.pos.alerts.conftest import NOW, TODAY, order
from tests.support.races import race

ROUNDS = 10


def test_a_tap_retried_at_the_same_moment_raises_one_alert(make, database):
    make.canteen()
    zhang = make.resident("张桂兰", born=date(1940, 2, 3))
    rider = Actor(staff_id=make.user("王师傅", role="manager").id)

    def tap(order_id: int) -> int:
        with database.unit_of_work() as session:
            return raise_alert(session, "missed_delivery", zhang, {"order_id": order_id}, rider, NOW)

    for _round in range(ROUNDS):
        lunch = order(database, zhang, TODAY, status="not_served")
        first, second = race(database, [lambda: tap(lunch), lambda: tap(lunch)])
        assert first == second
    with database.reader() as session:
        assert session.scalar(select(func.count()).select_from(Alert)) == ROUNDS
        assert session.scalar(select(func.count()).select_from(AuditEntry)
                              .where(AuditEntry.action == "alert.raised")) == ROUNDS


def test_two_acknowledgements_at_once_one_wins(make, database):
    make.canteen()
    zhang = make.resident("张桂兰", born=date(1940, 2, 3))
    one, two = (Actor(staff_id=make.user(name, role="manager").id) for name in ("经理甲", "经理乙"))

    def ack(alert_id: int, actor: Actor, note: str) -> str:
        try:
            return acknowledge(database, alert_id, note, actor, NOW).note
        except Conflict as exc:
            return exc.code

    for _round in range(ROUNDS):
        with database.unit_of_work() as session:
            alert_id = raise_alert(session, "missed_delivery", zhang, {}, one, NOW)
        results = race(database, [lambda: ack(alert_id, one, "甲已处理"), lambda: ack(alert_id, two, "乙已处理")])
        assert sorted(results) in (["already_acknowledged", "甲已处理"], ["already_acknowledged", "乙已处理"])
    with database.reader() as session:
        assert session.scalar(select(func.count()).select_from(AuditEntry)
                              .where(AuditEntry.action == "alert.acknowledged")) == ROUNDS
