"""The six fraud checks. Each is one GROUP BY over the service records (joined with their sales and residents), so
the database does the counting; Python applies a rule to the grouped rows only and fetches the flagged meals as
evidence. Voided meals never count (the record marked void, or the sale's void row).

Thresholds, and why:
- after_leaving: any meal on a day after the resident's move-away or death date (the day of it still counts, as
  pos.residents.models.still_here says). No threshold: one meal is one too many.
- double_meal: two or more subsidised meals of one resident in one meal period of one day, at any terminal of any
  canteen, at least one of them at this canteen.
- card_surge: card meals this month >= CARD_FACTOR (2) x max(the resident's monthly average of card meals over the
  3 months before, CARD_FLOOR (10)). Nothing under 20 card meals raises; a resident with no record in the first of
  those 3 months or before (new) raises nothing, having no history to compare with.
- identity_share: meals settled by identity check or proxy, as a share of the month's resident meals, against the
  canteen's usual share (the 3 months before, at least SHARE_HISTORY_MIN (100) meals, else no usual and nothing
  raised): raised when the share is >= SHARE_FACTOR (2) x usual and >= usual + SHARE_MARGIN (10 points), with at
  least SHARE_MIN_CANTEEN (20) such meals; per cashier the same rule against the canteen's usual share, with at
  least SHARE_MIN_STAFF (10) such meals.
- closed_hours: a subsidised meal served more than CLOSED_GRACE (15 min) before its meal period opens or after it
  closes, in the canteen's time zone (a counter rings up the last of the queue after closing); a meal period the
  canteen does not serve at all is closed all day. Grouped per day, meal period and cashier.
- cashier_share: a cashier with at least CASHIER_MIN_MEALS (50) meals whose subsidised share is at least
  CASHIER_MARGIN (15 points) above the pooled share of the canteen's other cashiers (also at least 50 meals
  between them). Pooled others, not a mean and standard deviation: with 2 to 5 cashiers a standard deviation
  says little, and the outlier would inflate it.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from sqlalchemy import (
    ColumnElement,
    Date,
    DateTime,
    and_,
    case,
    exists,
    func,
    literal,
    or_,
    select,
)
from sqlalchemy.orm import Session, aliased

from pos.canteens.models import Canteen
from pos.clock import as_utc
from pos.fraud.findings import (
    AFTER_LEAVING,
    CARD_SURGE,
    CASHIER_SHARE,
    CLOSED_HOURS,
    DOUBLE_MEAL,
    EVIDENCE_MEALS,
    IDENTITY_SHARE,
    Finding,
    Meal,
    Scope,
)
from pos.residents.models import Resident
from pos.sales.models import Sale, SaleVoid
from pos.servicerecords.models import ServiceRecord as SR
from pos.statements.periods import Month
from vocabulary import MEAL_PERIODS, Identified

CARD_FACTOR, CARD_FLOOR, HISTORY_MONTHS = 2, 10, 3
SHARE_FACTOR, SHARE_MARGIN, SHARE_HISTORY_MIN, SHARE_MIN_CANTEEN, SHARE_MIN_STAFF = 2, 0.10, 100, 20, 10
CLOSED_GRACE = timedelta(minutes=15)
CASHIER_MIN_MEALS, CASHIER_MARGIN = 50, 0.15
# Settled without the resident's card or pass being the proof: a cashier's ID card check, or a named proxy.
IDENTITY_WAYS = (Identified.IDENTITY_CHECK.value, Identified.PROXY.value)


def history_start(month: Month) -> date:
    """The first day of the HISTORY_MONTHS months before `month`."""
    for _ in range(HISTORY_MONTHS):
        month = month.previous()
    return month.first


def live(first: date, end: date) -> list[ColumnElement[bool]]:
    """Records of meals served on days [first, end) and not voided."""
    return [SR.day >= first, SR.day < end, SR.voided_at.is_(None), ~exists().where(SaleVoid.sale_id == SR.sale_id)]


def here(scope: Scope, first: date | None = None) -> list[ColumnElement[bool]]:
    """This canteen's live records of the month (from `first`, for history)."""
    return [SR.canteen_id == scope.canteen_id, *live(first or scope.month.first, scope.month.next_first)]


def subsidised() -> ColumnElement[bool]:
    """The record's sale had a subsidy (the query joins Sale)."""
    return Sale.subsidy_fen > 0


def evidence_of(session: Session, *where: ColumnElement[bool]) -> list[Meal]:
    """The meals matching `where` (over SR joined with Sale), first served first, at most EVIDENCE_MEALS."""
    rows = session.execute(
        select(SR.sale_id, Sale.receipt_no, SR.canteen_id, SR.day, SR.meal_period, SR.served_at, SR.identified,
               SR.resident_id, SR.terminal_id, SR.staff_id, Sale.subsidy_fen)
        .join(Sale, Sale.id == SR.sale_id).where(*where).order_by(SR.served_at, SR.id).limit(EVIDENCE_MEALS))
    return [Meal(r.sale_id, r.receipt_no, r.canteen_id, r.day, r.meal_period, as_utc(r.served_at), r.identified,
                 r.resident_id, r.terminal_id, r.staff_id, r.subsidy_fen) for r in rows]


def after_leaving(session: Session, scope: Scope) -> list[Finding]:
    """Meals on days after the resident moved away or died."""
    after = [*here(scope), Resident.status != "active", SR.day > Resident.status_date]
    rows = session.execute(
        select(SR.resident_id, Resident.status, Resident.status_date, func.count().label("meals"),
               func.min(SR.day).label("first"), func.max(SR.day).label("last"))
        .join(Resident, Resident.id == SR.resident_id).where(*after)
        .group_by(SR.resident_id, Resident.status, Resident.status_date).order_by(SR.resident_id))
    return [Finding(AFTER_LEAVING, f"{scope.month.label}:r{r.resident_id}", resident_id=r.resident_id,
                    figures={"status": r.status, "status_date": r.status_date.isoformat(), "meals": r.meals,
                             "first_day": r.first.isoformat(), "last_day": r.last.isoformat()},
                    meals=tuple(evidence_of(session, *here(scope), SR.resident_id == r.resident_id,
                                            SR.day > r.status_date)))
            for r in rows]


def double_meal(session: Session, scope: Scope) -> list[Finding]:
    """Two or more subsidised meals of one resident in one meal period of one day, at least one here."""
    # Every canteen named, so the database reads the month of each by its (canteen_id, day) index, not every
    # resident's whole history by (resident_id, day).
    month = [SR.canteen_id.in_(select(Canteen.id)), *live(scope.month.first, scope.month.next_first)]
    rows = session.execute(
        select(SR.resident_id, SR.day, SR.meal_period, func.count().label("meals"),
               func.count(func.distinct(SR.canteen_id)).label("canteens"),
               func.count(func.distinct(SR.terminal_id)).label("terminals"))
        .join(Sale, Sale.id == SR.sale_id).where(*month, SR.resident_id.is_not(None), subsidised())
        .group_by(SR.resident_id, SR.day, SR.meal_period)
        .having(func.count() >= 2, func.sum(case((SR.canteen_id == scope.canteen_id, 1), else_=0)) >= 1)
        .order_by(SR.day, SR.meal_period, SR.resident_id))
    return [Finding(DOUBLE_MEAL, f"r{r.resident_id}:{r.day.isoformat()}:{r.meal_period}", resident_id=r.resident_id,
                    figures={"day": r.day.isoformat(), "meal_period": r.meal_period, "meals": r.meals,
                             "canteens": r.canteens, "terminals": r.terminals},
                    meals=tuple(evidence_of(session, *month, subsidised(), SR.resident_id == r.resident_id,
                                            SR.day == r.day, SR.meal_period == r.meal_period)))
            for r in rows]


def card_surge(session: Session, scope: Scope) -> list[Finding]:
    """Residents whose card was used this month far more often than in the months before (see the module)."""
    start, first = history_start(scope.month), scope.month.first
    bounds = [*(m.first for m in reversed(_months_before(scope.month))), first, scope.month.next_first]
    per_month = [func.sum(case((and_(SR.day >= a, SR.day < b), 1), else_=0)) for a, b in zip(bounds, bounds[1:])]
    this_month, history = per_month[-1], per_month[0] + per_month[1] + per_month[2]
    earlier = aliased(SR)
    known_before = exists().where(earlier.resident_id == SR.resident_id, earlier.day < bounds[1])
    rows = session.execute(
        select(SR.resident_id, *(n.label(f"m{i}") for i, n in enumerate(per_month)))
        .where(*here(scope, start), SR.identified == "card", SR.resident_id.is_not(None), known_before)
        .group_by(SR.resident_id)
        .having(this_month >= CARD_FACTOR * CARD_FLOOR, this_month * HISTORY_MONTHS >= CARD_FACTOR * history)
        .order_by(SR.resident_id))
    months = [m.label for m in reversed(_months_before(scope.month))]
    return [Finding(CARD_SURGE, f"{scope.month.label}:r{r.resident_id}", resident_id=r.resident_id,
                    figures={"card_meals": r.m3, "history": dict(zip(months, (r.m0, r.m1, r.m2))),
                             "average": round((r.m0 + r.m1 + r.m2) / HISTORY_MONTHS, 1)},
                    meals=tuple(evidence_of(session, *here(scope, first), SR.identified == "card",
                                            SR.resident_id == r.resident_id)))
            for r in rows]


def identity_share(session: Session, scope: Scope) -> list[Finding]:
    """The canteen's, and each cashier's, share of meals settled by identity check or proxy, against the
    canteen's usual share (see the module)."""
    start, first = history_start(scope.month), scope.month.first
    by_identity = SR.identified.in_(IDENTITY_WAYS)
    before = SR.day < first
    usual = session.execute(
        select(func.count().label("meals"), func.coalesce(func.sum(case((by_identity, 1), else_=0)), 0).label("ways"))
        .where(*here(scope, start), before, SR.resident_id.is_not(None))).one()
    groups = session.execute(
        select(SR.staff_id, func.count().label("meals"), func.sum(case((by_identity, 1), else_=0)).label("ways"))
        .where(*here(scope), SR.resident_id.is_not(None)).group_by(SR.staff_id)).all()
    if usual.meals < SHARE_HISTORY_MIN:  # no usual share to compare with
        return []
    usual_share = usual.ways / usual.meals
    history = {"usual_meals": usual.meals, "usual_ways": usual.ways, "usual_share": _pct(usual_share)}
    found = []
    total, ways = sum(g.meals for g in groups), sum(g.ways for g in groups)
    if _far_above(ways, total, usual_share, SHARE_MIN_CANTEEN):
        found.append(Finding(IDENTITY_SHARE, f"{scope.month.label}:canteen",
                             figures={"meals": total, "ways": ways, "share": _pct(ways / total), **history},
                             meals=tuple(evidence_of(session, *here(scope), by_identity,
                                                     SR.resident_id.is_not(None)))))
    for g in sorted((g for g in groups if g.staff_id is not None), key=lambda g: g.staff_id):
        if _far_above(g.ways, g.meals, usual_share, SHARE_MIN_STAFF):
            found.append(Finding(IDENTITY_SHARE, f"{scope.month.label}:s{g.staff_id}", staff_id=g.staff_id,
                                 figures={"meals": g.meals, "ways": g.ways, "share": _pct(g.ways / g.meals),
                                          **history},
                                 meals=tuple(evidence_of(session, *here(scope), by_identity,
                                                         SR.resident_id.is_not(None), SR.staff_id == g.staff_id))))
    return found


def closed_hours(session: Session, scope: Scope) -> list[Finding]:
    """Subsidised meals served outside their meal period's serving hours (plus the grace), per day, period and
    cashier."""
    opens, closes = _window_edges(scope)
    flagged = [*here(scope), subsidised(), or_(SR.served_at < opens, SR.served_at > closes)]
    staff = func.coalesce(SR.staff_id, 0)
    rows = session.execute(
        select(SR.day, SR.meal_period, staff.label("staff"), func.count().label("meals"))
        .join(Sale, Sale.id == SR.sale_id).where(*flagged).group_by(SR.day, SR.meal_period, staff)
        .order_by(SR.day, SR.meal_period, staff))
    found = []
    for r in rows:
        served = scope.hours.get(r.meal_period)
        evidence = evidence_of(session, *flagged, SR.day == r.day, SR.meal_period == r.meal_period, staff == r.staff)
        found.append(Finding(
            CLOSED_HOURS, f"{r.day.isoformat()}:{r.meal_period}:s{r.staff}", staff_id=r.staff or None,
            figures={"day": r.day.isoformat(), "meal_period": r.meal_period, "meals": r.meals,
                     "hours": f"{served[0]:%H:%M}-{served[1]:%H:%M}" if served else "",
                     "grace_minutes": int(CLOSED_GRACE.total_seconds() // 60)},
            meals=tuple(evidence)))
    return found


def cashier_share(session: Session, scope: Scope) -> list[Finding]:
    """Cashiers whose share of subsidised meals is far above the other cashiers' (see the module)."""
    rows = session.execute(
        select(SR.staff_id, func.count().label("meals"), func.sum(case((subsidised(), 1), else_=0)).label("subsidised"))
        .join(Sale, Sale.id == SR.sale_id).where(*here(scope), SR.staff_id.is_not(None))
        .group_by(SR.staff_id).order_by(SR.staff_id)).all()
    total, total_subsidised = sum(r.meals for r in rows), sum(r.subsidised for r in rows)
    found = []
    for r in rows:
        others, others_subsidised = total - r.meals, total_subsidised - r.subsidised
        if r.meals < CASHIER_MIN_MEALS or others < CASHIER_MIN_MEALS:
            continue
        share, others_share = r.subsidised / r.meals, others_subsidised / others
        if share - others_share >= CASHIER_MARGIN:
            found.append(Finding(
                CASHIER_SHARE, f"{scope.month.label}:s{r.staff_id}", staff_id=r.staff_id,
                figures={"meals": r.meals, "subsidised": r.subsidised, "share": _pct(share),
                         "others_meals": others, "others_subsidised": others_subsidised,
                         "others_share": _pct(others_share)},
                meals=tuple(evidence_of(session, *here(scope), subsidised(), SR.staff_id == r.staff_id))))
    return found


ALL = (after_leaving, double_meal, card_surge, identity_share, closed_hours, cashier_share)


def _months_before(month: Month) -> list[Month]:
    """The HISTORY_MONTHS months before `month`, latest first."""
    found = []
    for _ in range(HISTORY_MONTHS):
        month = month.previous()
        found.append(month)
    return found


def _far_above(ways: int, meals: int, usual: float, minimum: int) -> bool:
    """The identity-share rule: enough such meals, twice the usual share and 10 points above it."""
    share = ways / meals if meals else 0.0
    return ways >= minimum and share >= SHARE_FACTOR * usual and share >= usual + SHARE_MARGIN


def _pct(share: float) -> float:
    """A share as a percentage with one decimal."""
    return round(share * 100, 1)


def _window_edges(scope: Scope) -> tuple[ColumnElement, ColumnElement]:
    """When a record's meal period opened and closed on its day, in UTC with the grace: CASE expressions over the
    meal period and the day, so the database compares each record with its own window (SQLite has no time zones; a
    CASE is several times faster there than joining a table of windows). A period the canteen does not serve opens
    at the end of the day and closes at its start: nothing is inside."""
    zone = ZoneInfo(scope.zone)
    opens: dict[str, ColumnElement] = {}
    closes: dict[str, ColumnElement] = {}
    for period in MEAL_PERIODS:
        by_day_open: dict[date, datetime] = {}
        by_day_close: dict[date, datetime] = {}
        for day in _days(scope.month):
            if period in scope.hours:
                start, end = scope.hours[period]
                by_day_open[day] = _utc(day, start, zone) - CLOSED_GRACE
                by_day_close[day] = _utc(day, end, zone) + CLOSED_GRACE
            else:
                by_day_open[day] = _utc(day + timedelta(days=1), time(0), zone)
                by_day_close[day] = _utc(day, time(0), zone)
        opens[period], closes[period] = _by_day(by_day_open), _by_day(by_day_close)
    return case(opens, value=SR.meal_period), case(closes, value=SR.meal_period)


def _by_day(moments: dict[date, datetime]) -> ColumnElement:
    """A CASE choosing the moment of the record's day."""
    return case({literal(day, Date): literal(moment, DateTime(timezone=True)) for day, moment in moments.items()},
                value=SR.day)


def _days(month: Month) -> Iterable[date]:
    day = month.first
    while day < month.next_first:
        yield day
        day += timedelta(days=1)


def _utc(day: date, moment: time, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, moment, zone).astimezone(timezone.utc)
