"""Planning a meal's delivery runs: the day's delivery orders put on the run of their area in walking order, a
rider given each run, stops moved between runs, and a run sent out (dispatched)."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from pos.audit import Actor
from pos.audit import record as audit
from pos.auth.models import User
from pos.canteens.services import canteen_in_use
from pos.clock import as_utc
from pos.db import Database
from pos.delivery.addresses import area_of, walk_key
from pos.delivery.models import DeliveryRun, DeliveryStop
from pos.errors import N_, Conflict, InvalidInput, NotFound
from pos.orders.models import MealOrder
from pos.residents.models import Resident
from vocabulary import Channel, OrderStatus

NO_RIDER = N_("give the run a rider before sending it out")
MARKED = N_("this stop is marked already; a marked stop stays on its run")
OTHER_MEAL = N_("a stop moves only to a run of the same day and meal")


def plan_runs(db: Database, day: date, period: str, actor: Actor, now: datetime) -> dict[str, int]:
    """Put every booked delivery order of the meal not yet on a run onto its area's run; a run not yet sent out is
    put in walking order again. Running it again adds only what was booked since."""
    with db.unit_of_work() as session:
        canteen = canteen_in_use(session)
        waiting = session.execute(
            select(MealOrder, Resident).join(Resident, Resident.id == MealOrder.resident_id)
            .outerjoin(DeliveryStop, DeliveryStop.order_id == MealOrder.id)
            .where(MealOrder.canteen_id == canteen.id, MealOrder.day == day, MealOrder.meal_period == period,
                   MealOrder.channel == Channel.DELIVERY.value, MealOrder.status == OrderStatus.BOOKED.value,
                   DeliveryStop.id.is_(None))).all()
        runs = {run.area: run for run in session.scalars(select(DeliveryRun).where(
            DeliveryRun.canteen_id == canteen.id, DeliveryRun.day == day, DeliveryRun.meal_period == period))}
        touched = set()
        for order, resident in waiting:
            area = area_of(resident.community, resident.address)
            run = runs.get(area)
            if run is None:
                run = runs[area] = DeliveryRun(canteen_id=canteen.id, day=day, meal_period=period, area=area)
                session.add(run)
                session.flush()
            session.add(DeliveryStop(run_id=run.id, order_id=order.id, position=len(run.stops) + 1))
            session.flush()
            session.refresh(run, ["stops"])
            touched.add(run.id)
        for run in runs.values():
            if run.id in touched and run.dispatched_at is None:
                _walking_order(session, run)
        audit(session, actor, "delivery.planned", "delivery", f"{day.isoformat()}/{period}",
              after={"added": len(waiting), "runs": len(runs)}, at=now)
        return {"added": len(waiting), "runs": len(runs)}


def _walking_order(session: Session, run: DeliveryRun) -> None:
    """Number the run's stops by building, unit and room."""
    addresses = dict(session.execute(select(MealOrder.id, Resident.address).join(
        Resident, Resident.id == MealOrder.resident_id).where(
        MealOrder.id.in_([stop.order_id for stop in run.stops]))).all())
    for position, stop in enumerate(sorted(run.stops, key=lambda s: walk_key(addresses[s.order_id])), start=1):
        stop.position = position


def assign_rider(db: Database, run_id: int, rider_id: int, actor: Actor, now: datetime) -> None:
    """Give a run to a member of staff who delivers."""
    with db.unit_of_work() as session:
        run = _run(session, run_id)
        rider = session.get(User, rider_id)
        if rider is None or not rider.active:
            raise InvalidInput("must be an active member of staff", field="rider")
        before, run.rider_id = run.rider_id, rider.id
        audit(session, actor, "delivery.rider_assigned", "delivery_run", run.id, before={"rider_id": before},
              after={"rider_id": rider.id}, at=now)


def move_stop(db: Database, stop_id: int, run_id: int, position: int, actor: Actor, now: datetime) -> None:
    """Move a stop not yet marked to `position` (from 1) on a run of the same meal; the others close up."""
    with db.unit_of_work() as session:
        stop = session.get(DeliveryStop, stop_id, with_for_update=True)
        if stop is None:
            raise NotFound("no delivery stop %(id)s", code="no_stop", id=stop_id)
        if stop.outcome is not None:
            raise Conflict(MARKED, code="stop_marked")
        source, target = _run(session, stop.run_id), _run(session, run_id)
        if (source.day, source.meal_period, source.canteen_id) != (target.day, target.meal_period, target.canteen_id):
            raise InvalidInput(OTHER_MEAL, field="run")
        before = {"run_id": source.id, "position": stop.position}
        rest = [s for s in target.stops if s.id != stop.id]
        rest.insert(max(0, min(position - 1, len(rest))), stop)
        stop.run_id = target.id
        for n, each in enumerate(rest, start=1):
            each.position = n
        for n, each in enumerate([s for s in source.stops if s.id != stop.id and source.id != target.id], start=1):
            each.position = n
        audit(session, actor, "delivery.stop_moved", "delivery_stop", stop.id, before=before,
              after={"run_id": target.id, "position": stop.position}, at=now)


def dispatch(db: Database, run_id: int, actor: Actor, now: datetime) -> datetime:
    """Send a run out: its dispatch time is recorded once (a second press keeps the first)."""
    with db.unit_of_work() as session:
        run = _run(session, run_id)
        if run.rider_id is None:
            raise Conflict(NO_RIDER, code="no_rider")
        if run.dispatched_at is None:
            run.dispatched_at = now
            audit(session, actor, "delivery.dispatched", "delivery_run", run.id, after={"rider_id": run.rider_id},
                  at=now)
        return as_utc(run.dispatched_at)


def _run(session: Session, run_id: int) -> DeliveryRun:
    run = session.get(DeliveryRun, run_id, with_for_update=True)
    if run is None:
        raise NotFound("no delivery run %(id)s", code="no_run", id=run_id)
    return run
