"""Standing orders become meal orders at each meal's cut-off (cron runs `canteen orders generate`; opening
/orders for a day whose cut-off has passed catches up).

A standing order is due on a day when it is active, the day is one of its days of the week and within its
dates, and it was made before that meal's cut-off (so it never books a meal after the cut-off, which no
booking can). A due order books nothing when a pause covers the day, the canteen does not cook that meal
(it does not serve the period, or no menu is published for it: the canteen has no other notion of a closed
day), the resident has left, or a live order of that meal exists already (booked by hand: it stays as it is).
Running twice books nothing new: the live-order partial unique index holds even against a run racing this one.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import Table, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from pos.audit import SYSTEM, Actor
from pos.audit import record as audit
from pos.canteens.models import Canteen
from pos.canteens.services import canteen_in_use
from pos.clock import as_utc, local_date
from pos.db import Database
from pos.errors import N_, CanteenError, Conflict, InvalidInput
from pos.orders import rules
from pos.orders.models import LIVE, MealOrder, MealOrderLine
from pos.orders.standing_models import OrderPause, StandingOrder
from pos.residents.models import Resident
from pos.sales.orders import OrderItem
from vocabulary import MEAL_PERIODS, OrderStatus

NOT_YET = N_("standing orders for %(meal)s on %(day)s are booked at its cut-off, %(closes)s")
KEY = ("resident_id", "day", "meal_period")


@dataclass
class Generated:
    """What one run booked for a day and meal period, and why it skipped the rest of the due standing orders."""

    day: date
    meal_period: str
    booked: int = 0
    skipped_paused: int = 0
    skipped_booked: int = 0  # a live order of that meal was there already (by hand, or an earlier run)
    skipped_closed: int = 0
    skipped_gone: int = 0
    order_ids: list[int] = field(default_factory=list, repr=False)

    def counts(self) -> dict[str, int]:
        return {"booked": self.booked, "skipped_paused": self.skipped_paused, "skipped_booked": self.skipped_booked,
                "skipped_closed": self.skipped_closed, "skipped_gone": self.skipped_gone}


def generate_orders(db: Database, day: date, period: str, now: datetime, timezone: str,
                    actor: Actor = SYSTEM, locale: str = "zh_CN") -> Generated:
    """Book the day's meal of `period` for every standing order due, once its cut-off has passed; one audit
    row for the run when it booked anything."""
    if day < local_date(now, timezone):
        raise InvalidInput(rules.PAST_DAY, field="day", code="day_past", day=day.isoformat())
    with db.unit_of_work() as session:
        canteen = canteen_in_use(session)
        closes = canteen.cutoffs[period].closes(day, timezone)
        if now < closes:
            raise Conflict(NOT_YET, code="before_cutoff", closes=f"{closes:%Y-%m-%d %H:%M}",
                           **rules.meal_words(period, day, locale))
        return generate_in(session, canteen, day, period, closes, now, actor)


def generate_day(db: Database, day: date, now: datetime, timezone: str, actor: Actor = SYSTEM) -> list[Generated]:
    """Generate, in one transaction, every meal of `day` the canteen serves whose cut-off has passed."""
    if day < local_date(now, timezone):
        raise InvalidInput(rules.PAST_DAY, field="day", code="day_past", day=day.isoformat())
    with db.unit_of_work() as session:
        canteen = canteen_in_use(session)
        closing = {p: canteen.cutoffs[p].closes(day, timezone) for p in MEAL_PERIODS if p in canteen.serving_hours}
        return [generate_in(session, canteen, day, period, closes, now, actor)
                for period, closes in closing.items() if now >= closes]


def generate_due(db: Database, now: datetime, timezone: str, actor: Actor = SYSTEM) -> list[Generated]:
    """Every meal of today and tomorrow whose cut-off has passed (a cut-off is at most a day ahead)."""
    today = local_date(now, timezone)
    return [*generate_day(db, today, now, timezone, actor),
            *generate_day(db, today + timedelta(days=1), now, timezone, actor)]


def generate_in(session: Session, canteen: Canteen, day: date, period: str, closes: datetime, now: datetime,
                actor: Actor) -> Generated:
    """One meal's generation in the caller's transaction, its cut-off (`closes`) passed."""
    result = Generated(day, period)
    due = due_on(session, day, period, closes)
    items = set_meal(session, canteen, day, period)
    if not items:
        result.skipped_closed = len(due)
        return result
    wanted = sort_out(session, due, day, period, result)
    book_all(session, canteen.id, day, period, wanted, items, as_utc(now), result)
    if result.booked:
        audit(session, actor, "order.standing_generated", "meal_order", f"{day.isoformat()}/{period}",
              after=result.counts(), at=now)
    return result


def due_on(session: Session, day: date, period: str, closes: datetime) -> list[StandingOrder]:
    """The standing orders due on `day` at `period`, made before its cut-off."""
    rows = session.scalars(select(StandingOrder).where(
        StandingOrder.active, StandingOrder.meal_period == period, StandingOrder.starts_on <= day,
        (StandingOrder.ends_on.is_(None)) | (StandingOrder.ends_on >= day),
        StandingOrder.weekdays.op("&")(1 << day.weekday()) != 0))
    return [row for row in rows if as_utc(row.created_at) < closes]


def set_meal(session: Session, canteen: Canteen, day: date, period: str) -> tuple[OrderItem, ...]:
    """The day's set meal of `period`, or none when the canteen does not cook it (closed)."""
    if period not in canteen.serving_hours:
        return ()
    try:
        return rules.dishes_on_menu(session, day, period, (), "zh_CN")
    except CanteenError:  # no menu published: closed
        return ()


def sort_out(session: Session, due: list[StandingOrder], day: date, period: str,
             result: Generated) -> list[StandingOrder]:
    """The due standing orders to book; the others counted by why they are skipped."""
    # Whole-day sets rather than IN lists of thousands of ids (SQLite caps a statement's parameters).
    paused = set(session.scalars(select(OrderPause.resident_id).where(OrderPause.from_day <= day,
                                                                      OrderPause.to_day >= day)))
    booked = set(session.scalars(select(MealOrder.resident_id).where(
        MealOrder.day == day, MealOrder.meal_period == period, MealOrder.status == OrderStatus.BOOKED.value)))
    gone = set(session.scalars(select(Resident.id).where(
        Resident.status != "active", Resident.status_date.is_(None) | (Resident.status_date < day))))
    wanted = []
    for standing in due:
        if standing.resident_id in gone:
            result.skipped_gone += 1
        elif standing.resident_id in paused:
            result.skipped_paused += 1
        elif standing.resident_id in booked:
            result.skipped_booked += 1
        else:
            wanted.append(standing)
    return wanted


def book_all(session: Session, canteen_id: int, day: date, period: str, wanted: list[StandingOrder],
             items: tuple[OrderItem, ...], now: datetime, result: Generated) -> None:
    """Insert the orders and their set meal's lines; a live order that appeared since (a run racing this one)
    is left alone and counted as booked already."""
    if not wanted:
        return
    table: Table = MealOrder.__table__
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    statement = (dialect.insert(table).on_conflict_do_nothing(index_elements=list(KEY), index_where=LIVE)
                 .returning(table.c.id))
    rows = [{"canteen_id": canteen_id, "resident_id": s.resident_id, "day": day, "meal_period": period,
             "channel": s.channel, "status": OrderStatus.BOOKED.value, "set_meal": True, "booked_at": now,
             "booked_by_staff_id": None, "booked_by_resident_id": None, "standing_order_id": s.id} for s in wanted]
    result.order_ids = list(session.scalars(statement, rows))
    result.booked = len(result.order_ids)
    result.skipped_booked += len(wanted) - result.booked
    if result.order_ids:
        session.execute(MealOrderLine.__table__.insert(), [
            {"order_id": order_id, "dish_id": item.dish_id, "qty": item.qty}
            for order_id in result.order_ids for item in items])
