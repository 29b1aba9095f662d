"""The day's and the month's booked meals and deliveries, counted for the dashboard and the closing."""
from __future__ import annotations

from datetime import timedelta

from pos.canteens.services import main_canteen
from pos.delivery import listing, outcomes, runs
from pos.delivery.figures import OrderFigures, order_figures
from pos.orders import services
from tests.pos.delivery.conftest import DAY, NOON, TZ, at, book


def test_orders_and_deliveries_are_counted_by_outcome(database, round_, make):
    runs.plan_runs(database, DAY, "lunch", round_.manager, at(DAY, 10))
    with database.unit_of_work() as session:
        planned = listing.runs_on(session, DAY, "lunch", NOON, TZ)
        stops = {stop.resident.name: stop.id for run in planned for stop in run.stops}
    for run in planned:
        runs.assign_rider(database, run.run.id, round_.rider.id, round_.manager, NOON)
        runs.dispatch(database, run.run.id, round_.manager, NOON)
    outcomes.mark_stop(database, stops["李桂兰"], "delivered", round_.rider, NOON + timedelta(hours=3), TZ, "zh_CN")
    outcomes.mark_stop(database, stops["王秀英"], "delivered", round_.rider, NOON + timedelta(minutes=30), TZ, "zh_CN")
    outcomes.mark_stop(database, stops["赵建国"], "not_at_home", round_.rider, NOON + timedelta(minutes=40), TZ,
                       "zh_CN")
    extra = book(database, make.resident(name="钱多多", balance_fen=5000))  # another lunch, cancelled
    services.cancel(database, extra, round_.manager, at(DAY - timedelta(days=1), 8), TZ, "zh_CN")
    with database.unit_of_work() as session:
        canteen = main_canteen(session).id
        day = order_figures(session, canteen, DAY, DAY + timedelta(days=1))
        before = order_figures(session, canteen, DAY - timedelta(days=9), DAY)
    assert day == OrderFigures(DAY, DAY + timedelta(days=1), booked=4, served=2, cancelled=1, not_served=1,
                               deliveries=3, delivered=2, not_at_home=1, refused=0, late=1)
    assert before == OrderFigures(DAY - timedelta(days=9), DAY)


def test_the_dashboard_and_the_closing_show_them(client, auth, database, round_):
    auth.login("manager")
    runs.plan_runs(database, DAY, "lunch", round_.manager, at(DAY, 10))
    page = client.get(f"/statements/closing?date={DAY.isoformat()}").get_data(as_text=True)
    assert '<tr data-figure="booked"><th>预订的餐</th><td>4</td></tr>' in page
    assert '<tr data-figure="deliveries"><th>送餐</th><td>3</td></tr>' in page
