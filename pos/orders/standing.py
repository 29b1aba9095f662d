"""Standing orders and pauses: made, ended, added and removed by managers, each change audited.

The orders they book are made at each meal's cut-off by pos.orders.generation; nothing here books a meal.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from pos.audit import Actor
from pos.audit import record as audit
from pos.canteens.services import canteen_in_use
from pos.clock import as_utc, local_date
from pos.db import Database
from pos.errors import N_, Conflict, InvalidInput, NotFound
from pos.orders import rules
from pos.orders.standing_models import EVERY_DAY, OrderPause, StandingOrder, weekday_list
from vocabulary import CHANNELS, MEAL_PERIODS, MealPeriod

NO_DAYS = N_("choose at least one day of the week")
STARTS_PAST = N_("%(day)s has gone by; a standing order starts today or later")
ENDS_BEFORE = N_("must be on or after the first day, %(day)s")
HAS_ONE = N_("%(name)s already has a standing order for %(meal)s; end it first to make another")
NO_STANDING = N_("no standing order %(id)s")
ENDED = N_("this standing order has already ended")
TO_BEFORE = N_("must be on or after the first day of the pause, %(day)s")
PAUSE_OVER = N_("%(day)s has gone by; a pause must cover today or a later day")
NO_REASON = N_("say why the meals pause (a hospital stay, travel)")
OVERLAPS = N_("%(name)s already has a pause from %(from_day)s to %(to_day)s that covers some of these days")
NO_PAUSE = N_("no pause %(id)s")
CHOICES = N_("must be one of %(choices)s")


@dataclass(frozen=True)
class StandingOrderIn:
    """A standing order to make: whose, which meal, how it reaches them, on which days of the week (a bitmask,
    Monday the lowest bit), from which day, until which day (none: until ended). It books the set meal."""

    resident_id: int
    meal_period: str
    channel: str
    weekdays: int
    starts_on: date
    ends_on: date | None = None


@dataclass(frozen=True)
class PauseIn:
    """Days a resident's standing orders book nothing, inclusive, and why."""

    resident_id: int
    from_day: date
    to_day: date
    reason: str


def create_standing_order(db: Database, given: StandingOrderIn, actor: Actor, now: datetime, timezone: str,
                          locale: str) -> int:
    """Make a standing order after every check; its id. It books meals whose cut-off is still to come."""
    with db.unit_of_work() as session:
        check_standing(session, given, local_date(now, timezone), locale)
        resident = rules.resident_for(session, given.resident_id, given.starts_on)
        if session.scalar(select(StandingOrder.id).where(StandingOrder.resident_id == resident.id,
                                                         StandingOrder.meal_period == given.meal_period,
                                                         StandingOrder.active)) is not None:
            raise Conflict(HAS_ONE, field="meal_period", code="standing_order_exists", name=resident.name,
                           meal=MealPeriod(given.meal_period).label(locale))
        standing = StandingOrder(
            canteen_id=canteen_in_use(session).id, resident_id=resident.id, meal_period=given.meal_period,
            channel=given.channel, weekdays=given.weekdays, set_meal=True, starts_on=given.starts_on,
            ends_on=given.ends_on, active=True, created_at=as_utc(now), created_by_staff_id=actor.staff_id)
        session.add(standing)
        session.flush()
        audit(session, actor, "standing_order.created", "standing_order", standing.id, after=standing_json(standing),
              at=now)
        return standing.id


def check_standing(session: Session, given: StandingOrderIn, today: date, locale: str) -> None:
    """The standing order's words and days make sense, and the canteen serves its meal."""
    if given.meal_period not in MEAL_PERIODS:
        raise InvalidInput(CHOICES, field="meal_period", choices=", ".join(MEAL_PERIODS))
    if given.meal_period not in canteen_in_use(session).serving_hours:
        raise InvalidInput(rules.NOT_SERVED, field="meal_period", code="meal_not_served",
                           meal=MealPeriod(given.meal_period).label(locale))
    if given.channel not in CHANNELS:
        raise InvalidInput(CHOICES, field="channel", choices=", ".join(CHANNELS))
    if not 0 < given.weekdays <= EVERY_DAY:
        raise InvalidInput(NO_DAYS, field="weekdays", code="no_weekdays")
    if given.starts_on < today:
        raise InvalidInput(STARTS_PAST, field="starts_on", code="day_past", day=given.starts_on.isoformat())
    if given.ends_on is not None and given.ends_on < given.starts_on:
        raise InvalidInput(ENDS_BEFORE, field="ends_on", code="ends_before_start", day=given.starts_on.isoformat())


def end_standing_order(db: Database, standing_id: int, actor: Actor, now: datetime) -> int:
    """End a standing order: it books nothing more (the meals it booked stay); the resident's id."""
    with db.unit_of_work() as session:
        standing = session.get(StandingOrder, standing_id, with_for_update=True)
        if standing is None:
            raise NotFound(NO_STANDING, code="no_standing_order", id=standing_id)
        if not standing.active:
            raise Conflict(ENDED, code="standing_order_ended")
        standing.active, standing.ended_at = False, as_utc(now)
        audit(session, actor, "standing_order.ended", "standing_order", standing.id, before={"active": True},
              after={"active": False}, at=now)
        return standing.resident_id


def add_pause(db: Database, given: PauseIn, actor: Actor, now: datetime, timezone: str) -> int:
    """Pause a resident's standing orders for some days; the pause's id."""
    reason = given.reason.strip()
    if given.to_day < given.from_day:
        raise InvalidInput(TO_BEFORE, field="to_day", code="to_before_from", day=given.from_day.isoformat())
    if given.to_day < local_date(now, timezone):
        raise InvalidInput(PAUSE_OVER, field="to_day", code="day_past", day=given.to_day.isoformat())
    if not reason:
        raise InvalidInput(NO_REASON, field="reason", code="no_reason")
    with db.unit_of_work() as session:
        resident = rules.resident_for(session, given.resident_id, given.from_day)
        clash = session.scalar(select(OrderPause).where(
            OrderPause.resident_id == resident.id, OrderPause.from_day <= given.to_day,
            OrderPause.to_day >= given.from_day))
        if clash is not None:
            raise Conflict(OVERLAPS, field="from_day", code="pause_overlaps", name=resident.name,
                           from_day=clash.from_day.isoformat(), to_day=clash.to_day.isoformat())
        pause = OrderPause(canteen_id=canteen_in_use(session).id, resident_id=resident.id, from_day=given.from_day,
                           to_day=given.to_day, reason=reason[:100], created_at=as_utc(now))
        session.add(pause)
        session.flush()
        audit(session, actor, "order_pause.added", "order_pause", pause.id, after=pause_json(pause), at=now)
        return pause.id


def remove_pause(db: Database, pause_id: int, actor: Actor, now: datetime) -> int:
    """Remove a pause: the standing orders book its days again (those whose cut-off has not passed); the
    resident's id."""
    with db.unit_of_work() as session:
        pause = session.get(OrderPause, pause_id, with_for_update=True)
        if pause is None:
            raise NotFound(NO_PAUSE, code="no_pause", id=pause_id)
        before = pause_json(pause)
        session.execute(delete(OrderPause).where(OrderPause.id == pause.id))
        audit(session, actor, "order_pause.removed", "order_pause", pause_id, before=before, at=now)
        return before["resident_id"]


def standing_json(standing: StandingOrder) -> dict:
    """A standing order as the audit log keeps it."""
    return {"resident_id": standing.resident_id, "meal_period": standing.meal_period, "channel": standing.channel,
            "weekdays": weekday_list(standing.weekdays), "starts_on": standing.starts_on.isoformat(),
            "ends_on": standing.ends_on.isoformat() if standing.ends_on else None}


def pause_json(pause: OrderPause) -> dict:
    """A pause as the audit log keeps it."""
    return {"resident_id": pause.resident_id, "from_day": pause.from_day.isoformat(),
            "to_day": pause.to_day.isoformat(), "reason": pause.reason}
