"""A rider marks a stop: delivered (the meal is served and paid for, in the same transaction), not at home (an
alert on the dashboard, with the emergency contact), or refused; an order not delivered is not served and costs
nothing. A retried tap gets the first answer; another outcome for a marked stop is refused. A phone that lost its
connection sends the same tap again: nothing happens twice."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from pos.alerts.services import raise_alert
from pos.audit import Actor
from pos.audit import record as audit
from pos.auth.models import User
from pos.db import Database
from pos.delivery.models import DeliveryRun, DeliveryStop
from pos.errors import N_, Conflict, Forbidden, InvalidInput, NotFound
from pos.orders import rules
from pos.orders.services import locked_order
from pos.orders.serving import serve_in
from pos.sales.models import Sale
from vocabulary import DELIVERY_OUTCOMES, AlertKind, DeliveryOutcome, OrderStatus

NOT_YOURS = N_("this stop is on another rider's run")
ALREADY = N_("this stop is already marked %(outcome)s")


def mark_stop(db: Database, stop_id: int, outcome: str, rider: User, now: datetime, timezone: str,
              locale: str) -> dict:
    """Mark a stop of the rider's own run (a manager may mark any); the stop with the sale when delivered."""
    if outcome not in DELIVERY_OUTCOMES:
        raise InvalidInput("must be one of %(choices)s", field="outcome", choices=", ".join(DELIVERY_OUTCOMES))
    with db.unit_of_work() as session:
        stop = session.get(DeliveryStop, stop_id, with_for_update=True)
        if stop is None:
            raise NotFound("no delivery stop %(id)s", code="no_stop", id=stop_id)
        run = session.get_one(DeliveryRun, stop.run_id)
        if run.rider_id != rider.id and not rider.has_role("manager"):
            raise Forbidden(NOT_YOURS, code="not_your_run")
        if stop.outcome == outcome:
            return _marked(session, stop, replayed=True)
        if stop.outcome is not None:
            raise Conflict(ALREADY, code="stop_marked", outcome=DeliveryOutcome(stop.outcome).label(locale))
        actor = Actor(rider.id)
        if run.dispatched_at is None:  # set off without the manager's press: out since the first mark
            run.dispatched_at = now
            audit(session, actor, "delivery.dispatched", "delivery_run", run.id, after={"rider_id": run.rider_id},
                  at=now)
        if outcome == DeliveryOutcome.DELIVERED.value:
            serve_in(session, stop.order_id, rider, None, now, timezone, locale)
        else:
            order = locked_order(session, stop.order_id)
            rules.check_booked(order, locale)
            order.status = OrderStatus.NOT_SERVED.value
            if outcome == DeliveryOutcome.NOT_AT_HOME.value:  # the canteen may be their only daily contact
                raise_alert(session, AlertKind.MISSED_DELIVERY.value, order.resident_id,
                            {"order_id": order.id, "meal_period": order.meal_period, "rider": rider.display_name},
                            actor, now)
        stop.outcome, stop.outcome_at, stop.marked_by_id = outcome, now, rider.id
        audit(session, actor, "delivery.marked", "delivery_stop", stop.id,
              after={"order_id": stop.order_id, "outcome": outcome}, at=now)
        return _marked(session, stop, replayed=False)


def _marked(session: Session, stop: DeliveryStop, replayed: bool) -> dict:
    order = locked_order(session, stop.order_id)
    sale = session.get(Sale, order.sale_id) if order.sale_id else None
    return {"stop_id": stop.id, "order_id": order.id, "outcome": stop.outcome, "outcome_at": stop.outcome_at,
            "receipt_no": sale.receipt_no if sale else None, "paid_fen": sale.paid_fen if sale else None,
            "replayed": replayed}
