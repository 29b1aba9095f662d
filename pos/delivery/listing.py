"""The day's runs as the manager and the rider read them: each stop with the resident's address, phone, needs and
what the meal costs them; and the deliveries that took over two hours from dispatch."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from menu import Allergen
from pos.auth.models import User
from pos.canteens.services import canteen_in_use
from pos.clock import as_utc
from pos.delivery.models import DeliveryRun, DeliveryStop
from pos.orders.models import MealOrder
from pos.orders.pricing import expected
from pos.residents.diet import DietaryNeed
from pos.residents.models import Resident
from pos.sales.models import Sale

LATE = timedelta(hours=2)  # a meal more than two hours on the way is listed for the manager


@dataclass(frozen=True)
class Stop:
    """One stop as a run sheet shows it."""

    id: int
    position: int
    order: MealOrder
    resident: Resident
    payable_fen: int
    outcome: str | None
    outcome_at: datetime | None


@dataclass(frozen=True)
class Run:
    """A run with its rider's name and its stops in order."""

    run: DeliveryRun
    rider: str
    stops: list[Stop]


def runs_on(session: Session, day: date, period: str | None, now: datetime, timezone: str,
            rider_id: int | None = None) -> list[Run]:
    """The day's runs (of one meal, or every meal; of one rider, or all), each with its stops in order."""
    canteen = canteen_in_use(session)
    query = select(DeliveryRun).where(DeliveryRun.canteen_id == canteen.id, DeliveryRun.day == day)
    if period is not None:
        query = query.where(DeliveryRun.meal_period == period)
    if rider_id is not None:
        query = query.where(DeliveryRun.rider_id == rider_id)
    runs = session.scalars(query.order_by(DeliveryRun.meal_period, DeliveryRun.area)).all()
    names = dict(session.execute(select(User.id, User.display_name)).all()) if runs else {}
    return [run_view(session, canteen, run, names.get(run.rider_id, "") if run.rider_id else "", now, timezone)
            for run in runs]


def run_view(session: Session, canteen, run: DeliveryRun, rider: str, now: datetime, timezone: str) -> Run:
    """One run with its rider's name and its stops in order, each priced."""
    return Run(run, rider, [_stop(session, canteen, stop, now, timezone) for stop in run.stops])


def _stop(session: Session, canteen, stop: DeliveryStop, now: datetime, timezone: str) -> Stop:
    order = session.get_one(MealOrder, stop.order_id)
    resident = session.get_one(Resident, order.resident_id)
    if order.sale_id is not None:
        payable = session.get_one(Sale, order.sale_id).paid_fen
    else:
        payable = expected(session, canteen, order, resident, now, timezone).payable_fen
    return Stop(stop.id, stop.position, order, resident, payable, stop.outcome, stop.outcome_at)


def late_deliveries(runs: list[Run], now: datetime) -> list[tuple[Run, Stop, timedelta]]:
    """Stops delivered, or still on the way, more than two hours after their run was sent out."""
    late = []
    for run in runs:
        if run.run.dispatched_at is None:
            continue
        for stop in run.stops:
            if stop.outcome not in (None, "delivered"):
                continue
            took = as_utc(stop.outcome_at or now) - as_utc(run.run.dispatched_at)
            if took > LATE:
                late.append((run, stop, took))
    return late


def needs_text(resident: Resident, locale: str) -> str:
    """The resident's dietary needs and allergens in a few words, as a rider or the kitchen reads them."""
    needs = [DietaryNeed(code).label(locale) for code in resident.diet or []]
    allergens = [Allergen(code).label(locale) for code in resident.allergens or []]
    if allergens:
        needs.append(("allergic to " if locale == "en" else "过敏：") + ", ".join(allergens))
    return " · ".join(needs)
