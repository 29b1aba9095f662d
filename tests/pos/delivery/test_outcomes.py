"""A rider marks stops: delivered serves the meal with the delivery fee and its subsidy, once, however often the
phone sends the tap; not at home and refused cost nothing; another rider's stop is not theirs to mark."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from pos.alerts.services import open_alerts
from pos.delivery import listing, outcomes, runs
from pos.delivery.models import DeliveryRun, DeliveryStop
from pos.errors import CanteenError
from pos.integrity.verify import verify_ledger
from pos.orders.models import MealOrder
from pos.sales.models import Sale
from tests.pos.delivery.conftest import DAY, NOON, TZ, at, chinese


@pytest.fixture
def sent(database, round_) -> dict[str, int]:
    """Both runs planned, given to the first rider and sent out at noon; the stops' ids by resident name."""
    runs.plan_runs(database, DAY, "lunch", round_.manager, at(DAY, 10))
    with database.unit_of_work() as session:
        run_ids = session.scalars(select(DeliveryRun.id)).all()
        stops = dict(session.execute(select(DeliveryStop.order_id, DeliveryStop.id)).all())
    for run_id in run_ids:
        runs.assign_rider(database, run_id, round_.rider.id, round_.manager, NOON)
        runs.dispatch(database, run_id, round_.manager, NOON)
    return {name: stops[order] for name, order in round_.orders.items() if order in stops}


def mark(database, stop_id, outcome, rider, when=NOON + timedelta(minutes=20)):
    return outcomes.mark_stop(database, stop_id, outcome, rider, when, TZ, "zh_CN")


def sale_of(database, order_id) -> Sale:
    with database.unit_of_work() as session:
        sale = session.get_one(Sale, session.get_one(MealOrder, order_id).sale_id)
        session.expunge(sale)
        return sale


def test_delivered_serves_the_meal_with_the_fee_and_the_delivery_subsidy_once(database, round_, sent):
    first = mark(database, sent["李桂兰"], "delivered", round_.rider)
    again = mark(database, sent["李桂兰"], "delivered", round_.rider, NOON + timedelta(minutes=21))  # a retried tap
    assert (first["outcome"], first["replayed"], again["replayed"], again["receipt_no"]) == (
        "delivered", False, True, first["receipt_no"])
    sale = sale_of(database, round_.orders["李桂兰"])
    # pork 8 + greens 4 + fee 3 = 15; 70–79 lunch 2 yuan and the delivery fee's 3 yuan for a dependent senior
    assert (sale.channel, sale.total_fen, sale.subsidy_fen, sale.paid_fen) == ("delivery", 1500, 500, 1000)
    with database.unit_of_work() as session:
        assert session.scalar(select(func.count()).select_from(Sale)) == 1
        assert verify_ledger(session).violations == []


def test_a_delivery_without_the_dependent_category_pays_the_fee(database, round_, sent):
    mark(database, sent["王秀英"], "delivered", round_.rider)
    sale = sale_of(database, round_.orders["王秀英"])
    assert (sale.total_fen, sale.subsidy_fen, sale.paid_fen) == (1500, 200, 1300)


def test_not_at_home_costs_nothing_and_the_stop_stays_so(app, database, round_, sent):
    marked = mark(database, sent["赵建国"], "not_at_home", round_.rider)
    assert (marked["outcome"], marked["receipt_no"]) == ("not_at_home", None)
    with database.unit_of_work() as session:
        assert session.get_one(MealOrder, round_.orders["赵建国"]).status == "not_served"
        assert session.scalar(select(func.count()).select_from(Sale)) == 0
        [alert] = open_alerts(session)
    assert (alert.kind, alert.name, alert.details) == (
        "missed_delivery", "赵建国", {"order_id": round_.orders["赵建国"], "meal_period": "lunch", "rider": "rider-1"})
    mark(database, sent["赵建国"], "not_at_home", round_.rider)  # the tap again: still one alert
    with database.unit_of_work() as session:
        assert len(open_alerts(session)) == 1
    with pytest.raises(CanteenError) as refused:
        mark(database, sent["赵建国"], "delivered", round_.rider)
    assert (refused.value.code, chinese(app, refused.value)) == ("stop_marked", "这一站已标记为“不在家”")


def test_another_riders_stop_is_refused_and_nothing_changes(app, database, round_, sent):
    with pytest.raises(CanteenError) as refused:
        mark(database, sent["王秀英"], "delivered", round_.other_rider)
    assert (refused.value.code, chinese(app, refused.value)) == ("not_your_run", "这一站在别的送餐员的路线上")
    with database.unit_of_work() as session:
        assert session.get_one(DeliveryStop, sent["王秀英"]).outcome is None


def test_a_delivery_over_two_hours_after_dispatch_is_listed(database, round_, sent):
    mark(database, sent["李桂兰"], "delivered", round_.rider, NOON + timedelta(hours=2, minutes=5))
    mark(database, sent["王秀英"], "delivered", round_.rider, NOON + timedelta(minutes=40))
    now = NOON + timedelta(hours=2, minutes=10)
    with database.unit_of_work() as session:
        late = listing.late_deliveries(listing.runs_on(session, DAY, "lunch", now, TZ), now)
        assert sorted((stop.resident.name, took) for _run, stop, took in late) == [
            ("李桂兰", timedelta(hours=2, minutes=5)), ("赵建国", timedelta(hours=2, minutes=10))]  # 赵: still out
