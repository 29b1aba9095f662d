"""The month's service records in the shape of the US senior-nutrition report (Older Americans Act Title III /
NSIP): units of service (one meal each) and unduplicated persons served, congregate apart from home-delivered, by
age band and by one client characteristic — from the same records, and the same counting, as the Chinese claim.

Where a pick-up meal counts is a setting of the report: by default congregate (the resident comes to the site and
is served there, as a carry-out meal of the congregate programme), or home-delivered when the receiver files
grab-and-go meals with delivered ones. Either way the pick-up meals are shown on their own line so they can be moved.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import case, literal, select
from sqlalchemy.orm import Session

from pos.errors import InvalidInput
from pos.residents.models import SubsidyCategory
from pos.servicerecords.counts import WALK_IN, Count, Scope, holds_any, sr, tally
from vocabulary import AGE_BANDS, Channel

CONGREGATE, HOME_DELIVERED = "congregate", "home_delivered"
SERVICES = (CONGREGATE, HOME_DELIVERED)
WITH, WITHOUT, UNKNOWN = "with", "without", "unknown"  # holds the characteristic / does not / a walk-in


@dataclass(frozen=True)
class NutritionReport:
    """One canteen's month: per service, and in total (each person once)."""

    first: date
    pick_up_as: str
    characteristic: str
    total: Count
    services: dict[str, Count]
    pick_up: Count                              # the pick-up meals, inside pick_up_as
    walk_in_meals: dict[str, int]               # meals served to nobody registered, per service
    by_age_band: dict[tuple[str, str], Count]   # (service, AgeBand value or WALK_IN)
    by_characteristic: dict[tuple[str, str], Count]  # (service, WITH / WITHOUT / UNKNOWN)


def month_bounds(text: str | None, today: date) -> tuple[date, date]:
    """The first day of a 'YYYY-MM' month (this month if none is given) and of the month after it."""
    try:
        first = date.fromisoformat(f"{text.strip()}-01") if text and text.strip() else today.replace(day=1)
    except ValueError:
        raise InvalidInput("must be a month written YYYY-MM, e.g. 2026-11", field="month") from None
    return first, (first + timedelta(days=31)).replace(day=1)


def characteristics(session: Session) -> dict[str, tuple[str, str]]:
    """The resident categories a report may break down by: code → (Chinese, English) name."""
    rows = session.execute(select(SubsidyCategory.code, SubsidyCategory.name_zh, SubsidyCategory.name_en)
                           .order_by(SubsidyCategory.code))
    return {code: (zh, en) for code, zh, en in rows}


def checked_characteristic(value: str | None, known: dict[str, tuple[str, str]]) -> str:
    """A known category code; by default living_alone (独居) if the canteen has it, else the first."""
    value = (value or "").strip() or ("living_alone" if "living_alone" in known else next(iter(known), ""))
    if value not in known:
        raise InvalidInput("must be one of the resident categories: %(choices)s", field="characteristic",
                           choices=", ".join(known) or "-")
    return value


def checked_pick_up(value: str | None) -> str:
    """Where pick-up meals count: congregate (default) or home_delivered."""
    value = (value or CONGREGATE).strip()
    if value not in SERVICES:
        raise InvalidInput("must be congregate or home_delivered", field="pickup")
    return value


def service_of(pick_up_as: str):
    """The service a record counts under, as SQL."""
    return case((sr.c.channel == Channel.DELIVERY.value, literal(HOME_DELIVERED)),
                (sr.c.channel == Channel.PICK_UP.value, literal(pick_up_as)), else_=literal(CONGREGATE))


def nutrition_report(session: Session, scope: Scope, characteristic: str, pick_up_as: str) -> NutritionReport:
    """The report for the scope's days; every figure grouped and counted by the database."""
    service = service_of(pick_up_as)
    trait = case((sr.c.resident_id.is_(None), literal(UNKNOWN)),
                 (holds_any(session, [characteristic]), literal(WITH)), else_=literal(WITHOUT))
    per_service = tally(session, scope, (service,))
    walk_ins = tally(session, scope, (service,), where=[sr.c.resident_id.is_(None)])
    return NutritionReport(
        scope.first, pick_up_as, characteristic,
        total=tally(session, scope, (literal("all"),)).get(("all",), Count()),
        services={s: per_service.get((s,), Count()) for s in SERVICES},
        pick_up=tally(session, scope, (literal("all"),), where=[sr.c.channel == Channel.PICK_UP.value]).get(
            ("all",), Count()),
        walk_in_meals={s: walk_ins.get((s,), Count()).meals for s in SERVICES},
        by_age_band={(s, band or WALK_IN): c
                     for (s, band), c in tally(session, scope, (service, sr.c.age_band)).items()},
        by_characteristic={(s, t): c for (s, t), c in tally(session, scope, (service, trait)).items()})


def report_rows(report: NutritionReport, label: Callable[[str], str]) -> Iterator[tuple[str, str, str, int, int]]:
    """(section, service, group, units of service, persons served) rows; `label` names each word in the page's
    language. Every band and characteristic row is listed for both services, zeros included."""
    both = label("all services")
    yield label("total"), both, "", report.total.meals, report.total.persons
    for s in SERVICES:
        c = report.services[s]
        yield label("service"), label(s), "", c.meals, c.persons
        yield label("service"), label(s), label("of which walk-ins (not registered)"), report.walk_in_meals[s], 0
    yield label("service"), label(report.pick_up_as), label("of which pick-up"), report.pick_up.meals, \
        report.pick_up.persons
    for s in SERVICES:
        for band in (*AGE_BANDS, WALK_IN):
            c = report.by_age_band.get((s, band), Count())
            yield label("age band"), label(s), label(band), c.meals, c.persons
    for s in SERVICES:
        for t in (WITH, WITHOUT, UNKNOWN):
            c = report.by_characteristic.get((s, t), Count())
            yield label("characteristic"), label(s), label(t), c.meals, c.persons


def report_csv(report: NutritionReport, label: Callable[[str], str]) -> bytes:
    """The report as CSV (UTF-8 with BOM, so a spreadsheet reads the Chinese), header first."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([label(h) for h in ("section", "service", "group", "units of service (meals)",
                                        "persons served (unduplicated)")])
    writer.writerows(report_rows(report, label))
    return out.getvalue().encode("utf-8-sig")
