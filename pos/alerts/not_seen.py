"""The "not seen" list (智守护): residents the canteen expects to see who have not eaten here or been reached
for some days — for many who live alone the canteen is their only daily contact.

How a resident gets on it (days are the canteen's calendar days):

- **Seen** on a day: an unvoided sale of theirs that day (at the counter, picked up, or delivered — a delivered
  meal is settled as a sale), or a meal order of that day that was served. A delivery stop marked "not at
  home" or "refused" leaves its order not served, so it does not count as reached.
- **Expected**, either of:
  - *a habit*: seen on at least HABIT.days (4) of the HABIT.window (7) days ending on the last day seen;
  - *a booking*: a meal order that was not cancelled, for one of the last 7 days (today included).
- **Not seen**: expected, still living here (active), and at least N days have passed since the last day
  seen (today − last day seen ≥ N), N being the canteen's `not_seen_days` setting (default 2). So with N = 2
  a resident who ate on Monday and not since is listed from Wednesday on; one who ate yesterday is not.
  For a booking with no day seen in the period looked at, the days count from the day before the first
  booked day of those 7.
- The list looks back LOOKBACK (30) days for the last day seen: someone not seen for longer than that is a
  matter for the community office, not for today's calls, unless they booked a meal this week.

A resident who never ate here and booked nothing is never on it. Standing orders generate meal orders, so a
resident with one is expected through its orders.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from pos.alerts.services import home_address
from pos.orders.models import MealOrder
from pos.residents.models import Resident, still_here
from pos.sales.models import Sale, SaleVoid
from vocabulary import OrderStatus

LOOKBACK = 30
BOOKING_WINDOW = 7  # days, today included, in which a booked meal makes a resident expected


@dataclass(frozen=True)
class Habit:
    """Eating here 'as a habit': seen on at least `days` of `window` days."""

    days: int = 4
    window: int = 7


HABIT = Habit()


@dataclass(frozen=True)
class Gap:
    """How long an expected resident has not been seen, and why they were expected ("habit" or "booking")."""

    last_seen: date | None
    days: int
    expected_by: str


@dataclass(frozen=True)
class NotSeen:
    """A resident on the list, with whom to call."""

    resident_id: int
    name: str
    phone: str
    address: str
    emergency_name: str
    emergency_phone: str
    gap: Gap


def gap_of(seen: set[date], booked: set[date], today: date, not_seen_days: int, habit: Habit = HABIT,
           lookback: int = LOOKBACK) -> Gap | None:
    """The gap of one resident from the days they were seen and the days they booked, or None when they are
    not expected or were seen recently enough (the rule of this module's docstring)."""
    last = max((d for d in seen if today - timedelta(days=lookback) <= d <= today), default=None)
    habitual = last is not None and habit.days <= sum(
        1 for d in seen if last - timedelta(days=habit.window) < d <= last)
    booked_now = sorted(d for d in booked if today - timedelta(days=BOOKING_WINDOW) < d <= today)
    if not (habitual or booked_now):
        return None
    since = last if last is not None else booked_now[0] - timedelta(days=1)
    days = (today - since).days
    if days < not_seen_days:
        return None
    return Gap(last, days, "habit" if habitual else "booking")


def not_seen(session: Session, today: date, not_seen_days: int, canteen_id: int | None = None,
             habit: Habit = HABIT, lookback: int = LOOKBACK) -> list[NotSeen]:
    """The residents not seen, longest gap first (then by name)."""
    first = today - timedelta(days=lookback + habit.window)
    seen, booked = _seen_days(session, first, today, canteen_id), _booked_days(session, today, canteen_id)
    gaps = {rid: gap for rid in seen.keys() | booked.keys()
            if (gap := gap_of(seen.get(rid, set()), booked.get(rid, set()), today, not_seen_days, habit,
                              lookback)) is not None}
    if not gaps:
        return []
    residents = session.scalars(select(Resident).where(Resident.id.in_(gaps)))
    found = [NotSeen(r.id, r.name, r.phone, home_address(r), r.emergency_name, r.emergency_phone, gaps[r.id])
             for r in residents if still_here(r.status, r.status_date, today)]
    return sorted(found, key=lambda n: (-n.gap.days, n.name, n.resident_id))


def _seen_days(session: Session, first: date, today: date, canteen_id: int | None) -> dict[int, set[date]]:
    """Each resident's days with an unvoided sale or a served order, from `first` to today."""
    sales = (select(Sale.resident_id, Sale.business_date).distinct()
             .outerjoin(SaleVoid, SaleVoid.sale_id == Sale.id)
             .where(Sale.resident_id.is_not(None), SaleVoid.id.is_(None), Sale.business_date.between(first, today)))
    served = (select(MealOrder.resident_id, MealOrder.day).distinct()
              .where(MealOrder.status == OrderStatus.SERVED.value, MealOrder.day.between(first, today)))
    if canteen_id is not None:
        sales, served = sales.where(Sale.canteen_id == canteen_id), served.where(MealOrder.canteen_id == canteen_id)
    days: dict[int, set[date]] = defaultdict(set)
    for resident_id, day in [*session.execute(sales), *session.execute(served)]:
        days[resident_id].add(day)
    return days


def _booked_days(session: Session, today: date, canteen_id: int | None) -> dict[int, set[date]]:
    """Each resident's days of the booking window with a meal order that was not cancelled."""
    query = (select(MealOrder.resident_id, MealOrder.day).distinct()
             .where(MealOrder.status != OrderStatus.CANCELLED.value,
                    MealOrder.day.between(today - timedelta(days=BOOKING_WINDOW - 1), today)))
    if canteen_id is not None:
        query = query.where(MealOrder.canteen_id == canteen_id)
    days: dict[int, set[date]] = defaultdict(set)
    for resident_id, day in session.execute(query):
        days[resident_id].add(day)
    return days
