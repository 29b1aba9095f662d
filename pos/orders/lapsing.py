"""Booked meals nobody came for: once a meal's serving hours are over, its dine-in and pick-up orders still booked
are marked not served (they cost nothing), so the day's figures say who did not come. Delivery orders wait for
the rider's outcome until the day is over."""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import and_, or_, update

from pos.audit import SYSTEM, Actor
from pos.audit import record as audit
from pos.canteens.services import canteen_in_use
from pos.db import Database
from pos.orders.models import MealOrder
from vocabulary import Channel, OrderStatus


def lapse_unserved(db: Database, now: datetime, timezone: str, actor: Actor = SYSTEM) -> int:
    """Mark not served the booked meals whose meal is over; how many. One audit row per run that marks any."""
    local = now.astimezone(ZoneInfo(timezone))
    with db.unit_of_work() as session:
        canteen = canteen_in_use(session)
        over = [period for period, (_start, end) in canteen.serving_hours.items() if end <= local.time()]
        today_over = and_(MealOrder.day == local.date(), MealOrder.meal_period.in_(over),
                          MealOrder.channel != Channel.DELIVERY.value)
        lapsed = session.execute(
            update(MealOrder).where(MealOrder.canteen_id == canteen.id,
                                    MealOrder.status == OrderStatus.BOOKED.value,
                                    or_(MealOrder.day < local.date(), today_over))
            .values(status=OrderStatus.NOT_SERVED.value).returning(MealOrder.id)).scalars().all()
        if lapsed:
            audit(session, actor, "order.lapsed", "meal_order", local.date().isoformat(),
                  after={"orders": len(lapsed)}, at=now)
        return len(lapsed)
