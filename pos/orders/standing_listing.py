"""Reading standing orders and pauses for the back office: a resident's, and every active one."""
from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pos.orders.standing_models import OrderPause, StandingOrder
from pos.residents.models import Resident
from vocabulary import MEAL_PERIODS


def standing_of(session: Session, resident_id: int) -> list[StandingOrder]:
    """A resident's standing orders, active first, then by meal and newest."""
    rows = session.scalars(select(StandingOrder).where(StandingOrder.resident_id == resident_id))
    return sorted(rows, key=lambda s: (not s.active, MEAL_PERIODS.index(s.meal_period), -s.id))


def pauses_of(session: Session, resident_id: int, today: date) -> list[OrderPause]:
    """A resident's pauses that have not ended before `today`, earliest first."""
    return list(session.scalars(select(OrderPause).where(OrderPause.resident_id == resident_id,
                                                         OrderPause.to_day >= today).order_by(OrderPause.from_day)))


def active_standing(session: Session, limit: int = 100) -> tuple[int, list[tuple[StandingOrder, Resident]]]:
    """How many standing orders are active, and the first `limit` of them by resident's name and meal."""
    total = session.scalar(select(func.count()).select_from(StandingOrder).where(StandingOrder.active)) or 0
    rows = session.execute(select(StandingOrder, Resident).join(Resident, Resident.id == StandingOrder.resident_id)
                           .where(StandingOrder.active)
                           .order_by(Resident.name_initials, Resident.name, StandingOrder.id).limit(limit)).all()
    return total, [(standing, resident) for standing, resident in rows]
