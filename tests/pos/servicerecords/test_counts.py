"""A month's counts come from the database and equal a direct count of the records: meals, unduplicated persons
and diner-days, in total and by category, age band, channel and meal period."""
from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from pos.servicerecords.counts import NO_CATEGORY, WALK_IN, Count, Scope, month_counts, operating_count
from pos.servicerecords.models import ServiceRecord
from subsidy import OperatingRule
from tests.support.planted import day, plant_month

NOVEMBER = (date(2026, 11, 1), date(2026, 12, 1))
BEFORE_VOIDS = datetime(2026, 11, 6, 4, 0, tzinfo=timezone.utc)  # the voids: 6 and 11 November, 13:00 local


@pytest.fixture
def planted(app, make):
    return plant_month(app, make)


def direct(records, key) -> dict[str, Count]:
    """The count the slow way: each record looked at in Python (keys: a list of keys per record)."""
    meals, persons, days = defaultdict(int), defaultdict(set), defaultdict(set)
    for r in records:
        for k in key(r):
            meals[k] += 1
            if r.resident_id is not None:
                persons[k].add(r.resident_id)
                days[k].add((r.resident_id, r.day))
    return {k: Count(meals[k], len(persons[k]), len(days[k])) for k in meals}


def live_records(database, canteen_id):
    with database.reader() as session:
        return [r for r in session.scalars(select(ServiceRecord).where(ServiceRecord.canteen_id == canteen_id))
                if r.voided_at is None and NOVEMBER[0] <= r.day < NOVEMBER[1]]


def test_the_months_counts_equal_a_direct_count_of_the_records(database, planted):
    with database.reader() as session:
        counts = month_counts(session, Scope(planted.canteen_id, *NOVEMBER))
    records = live_records(database, planted.canteen_id)
    assert {"all": counts.total} == direct(records, lambda r: ["all"])
    assert counts.by_category == direct(records, lambda r: r.categories or [
        WALK_IN if r.resident_id is None else NO_CATEGORY])
    assert counts.by_age_band == direct(records, lambda r: [r.age_band or WALK_IN])
    assert counts.by_channel == direct(records, lambda r: [r.channel])
    assert counts.by_meal_period == direct(records, lambda r: [r.meal_period])


def test_the_planted_month_in_figures(database, planted):
    with database.reader() as session:
        counts = month_counts(session, Scope(planted.canteen_id, *NOVEMBER))
    # 9 meals (11 sold in November, 2 voided); 3 residents; 王二 3/3 + 3/4, 张三 3/3 + 3/5, 赵四 10th + 20th.
    assert (counts.total, counts.walk_in_meals) == (Count(9, 3, 6), 2)
    assert counts.by_category == {"dibao": Count(5, 2, 4), "disabled_care": Count(3, 1, 2),
                                  NO_CATEGORY: Count(2, 1, 2), WALK_IN: Count(2, 0, 0)}
    assert counts.by_age_band == {"70_79": Count(6, 3, 5), "80_89": Count(1, 1, 1), WALK_IN: Count(2, 0, 0)}
    assert counts.by_channel == {"dine_in": Count(5, 3, 3), "delivery": Count(2, 2, 2), "pick_up": Count(2, 1, 1)}
    assert counts.by_meal_period == {"lunch": Count(8, 3, 6), "dinner": Count(1, 1, 1)}


def test_an_issued_claim_counts_a_meal_voided_after_it_was_issued(database, planted):
    with database.reader() as session:
        before_voids = Scope(planted.canteen_id, *NOVEMBER, as_of=BEFORE_VOIDS)
        between = Scope(planted.canteen_id, *NOVEMBER, as_of=BEFORE_VOIDS + timedelta(days=1))
        assert month_counts(session, before_voids).total == Count(11, 3, 7)
        assert month_counts(session, between).total == Count(10, 3, 6)  # 张三's meal on the 6th was voided


def rule(**keys) -> OperatingRule:
    return OperatingRule("ops", "运营补贴", "Operating", "city", keys.pop("per", "diner_day"), 300, **keys)


@pytest.mark.parametrize("keys, expected", [
    ({}, 6),                                          # every diner-day of a resident
    ({"per": "meal"}, 7),                             # every resident's meal; walk-ins never count
    ({"age_min": 80}, 1),                             # 赵四 after his 80th birthday
    ({"categories": frozenset({"dibao"})}, 4),        # 王二's two days, 赵四's two
    ({"categories": frozenset({"disabled_care"}), "per": "meal"}, 3),
    ({"meal_periods": frozenset({"dinner"})}, 1),
    ({"channels": frozenset({"delivery", "pick_up"})}, 3),
    ({"channels": frozenset({"delivery"}), "per": "meal", "age_max": 80}, 1),
])
def test_an_operating_rule_counts_only_what_it_pays_for(database, planted, keys, expected):
    with database.reader() as session:
        assert operating_count(session, Scope(planted.canteen_id, *NOVEMBER), rule(**keys)) == expected


def test_another_canteen_or_month_counts_nothing(database, planted):
    with database.reader() as session:
        assert month_counts(session, Scope(planted.canteen_id + 1, *NOVEMBER)).total == Count()
        october = month_counts(session, Scope(planted.canteen_id, date(2026, 10, 1), date(2026, 11, 1)))
    assert october.total == Count(1, 1, 1) and day(1) == NOVEMBER[0]
