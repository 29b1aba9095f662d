"""Planning runs: delivery orders on the run of their estate in walking order, riders, moves and dispatch."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from pos.delivery import runs
from pos.delivery.models import DeliveryRun, DeliveryStop
from pos.errors import CanteenError
from tests.pos.delivery.conftest import DAY, NOON, at, book, chinese, place


def plan(database, round_):
    return runs.plan_runs(database, DAY, "lunch", round_.manager, at(DAY, 10))


def shown(database) -> dict[str, list[int]]:
    """Each run's area and its stops' orders in position order."""
    with database.unit_of_work() as session:
        return {run.area: [stop.order_id for stop in run.stops]
                for run in session.scalars(select(DeliveryRun).order_by(DeliveryRun.area))}


def test_delivery_orders_go_on_their_estates_run_building_by_building(database, round_):
    assert plan(database, round_) == {"added": 3, "runs": 2}
    o = round_.orders
    assert shown(database) == {"和平苑": [o["赵建国"]], "幸福里小区": [o["李桂兰"], o["王秀英"]]}


def test_planning_again_adds_only_what_was_booked_since_in_walking_order(database, round_, make):
    plan(database, round_)
    later = make.resident(name="周淑珍", balance_fen=5000, community="")
    place(database, later, "幸福里小区2号楼3单元301室")
    order = book(database, later)
    assert plan(database, round_) == {"added": 1, "runs": 2}
    o = round_.orders
    assert shown(database)["幸福里小区"] == [o["李桂兰"], order, o["王秀英"]]
    assert plan(database, round_) == {"added": 0, "runs": 2}


def test_a_run_goes_out_with_a_rider_once(app, database, round_):
    plan(database, round_)
    with database.unit_of_work() as session:
        run_id = session.scalar(select(DeliveryRun.id).where(DeliveryRun.area == "和平苑"))
    with pytest.raises(CanteenError) as refused:
        runs.dispatch(database, run_id, round_.manager, NOON)
    assert (refused.value.code, chinese(app, refused.value)) == ("no_rider", "请先给这一趟指定送餐员，再出发")
    runs.assign_rider(database, run_id, round_.rider.id, round_.manager, NOON)
    assert runs.dispatch(database, run_id, round_.manager, NOON) == NOON
    assert runs.dispatch(database, run_id, round_.manager, NOON + timedelta(minutes=30)) == NOON  # the first stands


def test_a_stop_moves_to_another_run_and_both_close_up(database, round_):
    plan(database, round_)
    o = round_.orders
    with database.unit_of_work() as session:
        stop = session.scalar(select(DeliveryStop.id).where(DeliveryStop.order_id == o["李桂兰"]))
        target = session.scalar(select(DeliveryRun.id).where(DeliveryRun.area == "和平苑"))
    runs.move_stop(database, stop, target, 1, round_.manager, NOON)
    assert shown(database) == {"和平苑": [o["李桂兰"], o["赵建国"]], "幸福里小区": [o["王秀英"]]}
    with database.unit_of_work() as session:
        assert sorted(session.scalars(select(DeliveryStop.position))) == [1, 1, 2]
