"""Meal orders and deliveries counted over days, for the dashboard and the daily closing: how many were booked,
served, cancelled or not served; how many went out, reached the resident, found nobody at home or were refused,
and how many took more than two hours from dispatch."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pos.clock import as_utc
from pos.delivery.listing import LATE
from pos.delivery.models import DeliveryRun, DeliveryStop
from pos.orders.models import MealOrder
from vocabulary import DeliveryOutcome, OrderStatus


@dataclass(frozen=True)
class OrderFigures:
    """Counts over [first, end) days."""

    first: date
    end: date
    booked: int = 0  # every order not cancelled
    served: int = 0
    cancelled: int = 0
    not_served: int = 0
    deliveries: int = 0  # delivery orders put on a run
    delivered: int = 0
    not_at_home: int = 0
    refused: int = 0
    late: int = 0  # delivered more than two hours after the run went out


def order_figures(session: Session, canteen_id: int, first: date, end: date) -> OrderFigures:
    """The orders of the canteen's days [first, end) and their deliveries, counted."""
    by_status = dict(session.execute(
        select(MealOrder.status, func.count()).where(MealOrder.canteen_id == canteen_id, MealOrder.day >= first,
                                                     MealOrder.day < end).group_by(MealOrder.status)).all())
    stops = session.execute(
        select(DeliveryStop.outcome, DeliveryStop.outcome_at, DeliveryRun.dispatched_at)
        .join(DeliveryRun, DeliveryRun.id == DeliveryStop.run_id)
        .where(DeliveryRun.canteen_id == canteen_id, DeliveryRun.day >= first, DeliveryRun.day < end)).all()
    outcomes = [outcome for outcome, _at, _sent in stops]
    late = len([1 for outcome, at, sent in stops if outcome == DeliveryOutcome.DELIVERED.value
                and at is not None and sent is not None and as_utc(at) - as_utc(sent) > LATE])
    return OrderFigures(
        first, end, booked=sum(n for status, n in by_status.items() if status != OrderStatus.CANCELLED.value),
        served=by_status.get(OrderStatus.SERVED.value, 0), cancelled=by_status.get(OrderStatus.CANCELLED.value, 0),
        not_served=by_status.get(OrderStatus.NOT_SERVED.value, 0), deliveries=len(stops),
        delivered=outcomes.count(DeliveryOutcome.DELIVERED.value),
        not_at_home=outcomes.count(DeliveryOutcome.NOT_AT_HOME.value),
        refused=outcomes.count(DeliveryOutcome.REFUSED.value), late=late)
