"""Counting a canteen's service records as funders count them: meals (人次), unduplicated persons (人数) and
diner-days (人天), in total and by category, age band, channel and meal period.

Every figure is a GROUP BY / COUNT DISTINCT in the database (a city's month is 1.2 M records), never a loop
over records. A walk-in is a meal but nobody: it adds to meals, never to persons or diner-days. A resident in
two categories (or whose birthday moves them into the next age band within the month) counts under each;
a total is always counted on its own, unduplicated, never as the sum of its rows.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import ColumnElement, FromClause, and_, exists, func, literal, or_, select, true
from sqlalchemy.orm import Session

from pos.servicerecords.models import ServiceRecord
from subsidy import OperatingRule, age_bands

sr = ServiceRecord.__table__
WALK_IN = "walk_in"      # the key walk-ins count under where a resident's category or age band would be
NO_CATEGORY = ""         # the key of residents holding no category that day


@dataclass(frozen=True)
class Count:
    """Meals, distinct residents, and distinct (resident, day) pairs."""

    meals: int = 0
    persons: int = 0
    diner_days: int = 0


@dataclass(frozen=True)
class Scope:
    """Which records count: one canteen's days [first, next_first), not voided (as of `as_of`, if given).

    An issued claim counts as of its issue: a meal voided later stays in it, as its money does.
    """

    canteen_id: int
    first: date
    next_first: date
    as_of: datetime | None = None

    def conditions(self) -> list[ColumnElement[bool]]:
        live = sr.c.voided_at.is_(None)
        return [sr.c.canteen_id == self.canteen_id, sr.c.day >= self.first, sr.c.day < self.next_first,
                live if self.as_of is None else or_(live, sr.c.voided_at > self.as_of)]


@dataclass(frozen=True)
class MonthCounts:
    """A month's counts: the unduplicated total, walk-in meals, and the tallies (keys are the stored words)."""

    total: Count
    walk_in_meals: int
    by_category: dict[str, Count] = field(default_factory=dict)    # code, NO_CATEGORY or WALK_IN
    by_age_band: dict[str, Count] = field(default_factory=dict)    # vocabulary.AgeBand value or WALK_IN
    by_channel: dict[str, Count] = field(default_factory=dict)     # vocabulary.Channel value
    by_meal_period: dict[str, Count] = field(default_factory=dict)  # vocabulary.MealPeriod value


def elements(session: Session, column) -> FromClause:
    """The JSON list in `column` as rows of one column, `value` (SQLite json_each, PostgreSQL's own function)."""
    name = "json_array_elements_text" if session.get_bind().dialect.name == "postgresql" else "json_each"
    return getattr(func, name)(column).table_valued("value")


def holds_any(session: Session, codes: Iterable[str]) -> ColumnElement[bool]:
    """The record's categories include one of `codes`."""
    held = elements(session, sr.c.categories)
    return exists(select(literal(1)).select_from(held).where(held.c.value.in_(sorted(codes))))


def tally(session: Session, scope: Scope, keys: tuple, source: FromClause = sr,
          where: Iterable[ColumnElement[bool]] = ()) -> dict[tuple, Count]:
    """Counts per value of `keys`: meals, persons and diner-days, in two grouped passes inside the database.

    The inner query folds each (keys, day, resident) to one row holding its meals; the outer counts those rows
    per key (diner-days: walk-ins group as a NULL resident, which COUNT skips) and their distinct residents.
    """
    named = [k.label(f"k{i}") for i, k in enumerate(keys)]
    inner = (select(*named, sr.c.day, sr.c.resident_id, func.count().label("meals")).select_from(source)
             .where(*scope.conditions(), *where).group_by(*named, sr.c.day, sr.c.resident_id).subquery())
    outer_keys = [inner.c[f"k{i}"] for i in range(len(keys))]
    query = select(*outer_keys, func.sum(inner.c.meals), func.count(func.distinct(inner.c.resident_id)),
                   func.count(inner.c.resident_id)).group_by(*outer_keys)
    return {tuple(row[:-3]): Count(int(row[-3] or 0), int(row[-2]), int(row[-1])) for row in session.execute(query)}


def _by(rows: dict[tuple, Count], none_as: str = WALK_IN) -> dict[str, Count]:
    return {(none_as if key[0] is None else str(key[0])): count for key, count in rows.items()}


def month_counts(session: Session, scope: Scope) -> MonthCounts:
    """The scope's counts in total and by category, age band, channel and meal period."""
    # One pass split by walk-in or not: walk-ins add meals only, so the residents' row holds every person.
    split = tally(session, scope, (sr.c.resident_id.is_(None),))
    walk_ins, residents = split.get((True,), Count()), split.get((False,), Count())
    total = Count(walk_ins.meals + residents.meals, residents.persons, residents.diner_days)
    return MonthCounts(total, walk_ins.meals, by_category=category_counts(session, scope),
                       by_age_band=_by(tally(session, scope, (sr.c.age_band,))),
                       by_channel=_by(tally(session, scope, (sr.c.channel,))),
                       by_meal_period=_by(tally(session, scope, (sr.c.meal_period,))))


def category_counts(session: Session, scope: Scope) -> dict[str, Count]:
    """Counts per category held on the day (a resident in two counts under each), then those holding none."""
    held = elements(session, sr.c.categories)
    counts = _by(tally(session, scope, (held.c.value,), sr.join(held, true())))
    empty = func.json_array_length(sr.c.categories) == 0
    none = tally(session, scope, (sr.c.resident_id.is_(None),), where=[empty])
    for (walk_in,), count in sorted(none.items()):
        counts[WALK_IN if walk_in else NO_CATEGORY] = count
    return counts


def qualifying(session: Session, rule: OperatingRule) -> list[ColumnElement[bool]]:
    """The records an operating rule counts: registered residents of its age bands, periods, channels, categories."""
    conditions = [sr.c.resident_id.is_not(None), sr.c.age_band.in_(sorted(age_bands(rule))),
                  sr.c.meal_period.in_(sorted(rule.meal_periods)), sr.c.channel.in_(sorted(rule.channels))]
    return conditions + ([holds_any(session, rule.categories)] if rule.categories else [])


def operating_count(session: Session, scope: Scope, rule: OperatingRule) -> int:
    """What an operating rule pays on: its qualifying meals, or its distinct (resident, day) pairs."""
    rows = tally(session, scope, (literal("all"),), where=qualifying(session, rule)).get(("all",), Count())
    return rows.meals if rule.per == "meal" else rows.diner_days


def in_category(session: Session, code: str) -> ColumnElement[bool]:
    """The record's resident held `code` on the day (a client characteristic such as living_alone)."""
    return and_(sr.c.resident_id.is_not(None), holds_any(session, [code]))
