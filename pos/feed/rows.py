"""The feed's rows, read from the service records and the subsidy lines: streamed, never a month in memory."""
from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from sqlalchemy import String, cast, distinct, exists, func, literal, select
from sqlalchemy.orm import Session

from pos.clock import as_utc
from pos.feed.periods import FeedPeriod
from pos.residents.models import Resident
from pos.sales.models import Sale, SaleSubsidy, SaleVoid
from pos.servicerecords.models import ServiceRecord

BATCH = 5000
sr, ss, sale, res = ServiceRecord.__table__, SaleSubsidy.__table__, Sale.__table__, Resident.__table__


@dataclass(frozen=True)
class Scope:
    """Which canteen's records, over which days."""

    canteen_id: int
    canteen_code: str
    period: FeedPeriod


def _records_in(scope: Scope):
    return (sr.c.canteen_id == scope.canteen_id, sr.c.day >= scope.period.first, sr.c.day < scope.period.end)


def _proxy_name():
    # The record's proxy_name comes with the "proxy" identification (added beside this work): read it when there.
    column = getattr(ServiceRecord, "proxy_name", None)
    return column if column is not None else literal(None)


@lru_cache(maxsize=1024)  # a canteen's records hold a few dozen different lists: decode each once, not per row
def _categories(text: str | None) -> tuple[str, ...]:
    return tuple(json.loads(text)) if text else ()


def _moment(value: datetime | None) -> str | None:
    return as_utc(value).isoformat(timespec="seconds") if value is not None else None


def service_records(session: Session, scope: Scope, show_id: Callable[[str | None], str | None]) -> Iterator[dict]:
    """Every record of the period in sale order, voided ones included, each with its subsidy per funder."""
    records = (select(sr.c.id, sr.c.sale_id, sr.c.day, sr.c.meal_period, sr.c.channel, sr.c.identified,
                      _proxy_name().label("proxy_name"), sr.c.resident_id, res.c.id_number,
                      cast(sr.c.categories, String).label("categories"),
                      sr.c.age_band, sr.c.served_at, sr.c.voided_at, sale.c.receipt_no)
               .select_from(sr.join(sale, sale.c.id == sr.c.sale_id).outerjoin(res, res.c.id == sr.c.resident_id))
               .where(*_records_in(scope)).order_by(sr.c.sale_id))
    subsidies = _subsidies_by_sale(session, scope)
    pending = next(subsidies, None)
    code = scope.canteen_code
    for part in session.execute(records.execution_options(yield_per=BATCH)).partitions():
        # Unpacked, not read by name: a month is a million rows, and each name costs.
        for (number, sale_id, day, meal_period, channel, identified, proxy_name, resident_id, id_number, categories,
             age_band, served_at, voided_at, receipt_no) in part:
            by_funder: dict[str, int] = {}
            while pending is not None and pending[0] <= sale_id:  # both ordered by sale: a merge, not a lookup
                if pending[0] == sale_id:
                    by_funder[pending[1]] = int(pending[2])
                pending = next(subsidies, None)
            yield {"record_id": f"{code}-{number}", "canteen_code": code, "day": day.isoformat(),
                   "meal_period": meal_period, "channel": channel, "identified": identified,
                   "proxy_name": proxy_name or None, "resident_ref": resident_id, "id_number": show_id(id_number),
                   "categories": list(_categories(categories)), "age_band": age_band,
                   "served_at": _moment(served_at), "voided_at": _moment(voided_at), "receipt_no": receipt_no,
                   "subsidy_fen": sum(by_funder.values()), "subsidy_by_funder": by_funder}


def _subsidies_by_sale(session: Session, scope: Scope) -> Iterator[tuple[int, str, int]]:
    """(sale, funder, fen) for the same records' sales, in sale then funder order."""
    query = (select(ss.c.sale_id, ss.c.funder, func.sum(ss.c.amount_fen))
             .select_from(ss.join(sr, sr.c.sale_id == ss.c.sale_id)).where(*_records_in(scope))
             .group_by(ss.c.sale_id, ss.c.funder).order_by(ss.c.sale_id, ss.c.funder))
    for part in session.execute(query.execution_options(yield_per=BATCH)).partitions():
        for row in part:
            yield row[0], row[1], row[2]


def totals(session: Session, scope: Scope) -> list[dict]:
    """The period's counts of every meal, then each funder's: meals, persons, diner-days and fen (not voided)."""
    valid = (*_records_in(scope), sr.c.voided_at.is_(None))
    meals, persons = session.execute(select(func.count(), func.count(distinct(sr.c.resident_id))).where(*valid)).one()
    days = select(sr.c.resident_id, sr.c.day).where(*valid, sr.c.resident_id.is_not(None)).distinct().subquery()
    lines = (*_subsidy_lines(scope),)
    fen = session.scalar(select(func.coalesce(func.sum(ss.c.amount_fen), 0)).select_from(_lines_joined()).where(*lines))
    rows = [_total(scope, "all", None, meals, persons, session.scalar(select(func.count()).select_from(days)), fen)]
    funder_days = (select(ss.c.funder, ss.c.resident_id, ss.c.business_date).select_from(_lines_joined())
                   .where(*lines).distinct().subquery())
    day_counts: dict[str, int] = dict(session.execute(
        select(funder_days.c.funder, func.count()).group_by(funder_days.c.funder)).all())
    by_funder = (select(ss.c.funder, func.count(distinct(ss.c.sale_id)), func.count(distinct(ss.c.resident_id)),
                        func.sum(ss.c.amount_fen))
                 .select_from(_lines_joined()).where(*lines).group_by(ss.c.funder).order_by(ss.c.funder))
    for funder, funder_meals, funder_persons, funder_fen in session.execute(by_funder):
        rows.append(_total(scope, "funder", funder, funder_meals, funder_persons, day_counts[funder], funder_fen))
    return rows


def _lines_joined():
    return ss.join(sale, sale.c.id == ss.c.sale_id)


def _subsidy_lines(scope: Scope):
    """The period's subsidy lines of this canteen whose sale was not voided (what a claim would hold)."""
    return (sale.c.canteen_id == scope.canteen_id, ss.c.business_date >= scope.period.first,
            ss.c.business_date < scope.period.end,
            ~exists().where(SaleVoid.__table__.c.sale_id == ss.c.sale_id))


def _total(scope: Scope, kind: str, funder: str | None, meals, persons, diner_days, fen) -> dict:
    return {"canteen_code": scope.canteen_code, "period": scope.period.label, "scope": kind, "funder": funder,
            "meals": int(meals or 0), "persons": int(persons or 0), "diner_days": int(diner_days or 0),
            "subsidy_fen": int(fen or 0)}
