"""Jurong: lunch subsidy by age band and special groups."""
from datetime import date, datetime

import pytest

from subsidy import UsageSoFar

from .factories import example, meal, quote, resident, used

JURONG = example("jurong")


@pytest.mark.parametrize("age, subsidy", [
    (59, 0), (60, 100), (74, 100), (75, 500), (84, 500), (85, 800), (94, 800),
    (95, 900), (103, 900),
])
def test_age_bands(age, subsidy):
    q = quote(JURONG, resident(age), meal(1100))
    assert (q.subsidy_fen, q.payable_fen) == (subsidy, 1100 - subsidy)


@pytest.mark.parametrize("categories, age, rule, subsidy", [
    (("special",), 65, "special", 800),
    (("special",), 90, "age-85", 800),           # a tie keeps the rule listed first
    (("tekun_scattered",), 65, "tekun-scattered", 900),
    (("special",), 96, "age-95", 900),
    (("special",), 59, None, 0),
])
def test_special_groups_take_the_best_rule(categories, age, rule, subsidy):
    q = quote(JURONG, resident(age, *categories), meal(1100))
    expected = [(rule, subsidy)] if rule else []
    assert [(line.rule_id, line.amount_fen) for line in q.lines] == expected


def test_lunch_only():
    assert quote(JURONG, resident(80), meal(1100, period="dinner")).subsidy_fen == 0


def test_meal_cheaper_than_the_subsidy_is_fully_covered_but_no_more():
    q = quote(JURONG, resident(96), meal(500, 300))
    assert (q.subsidy_fen, q.payable_fen) == (800, 0)


def test_60th_birthday_itself():
    at = datetime(2025, 6, 2, 11, 30)
    assert quote(JURONG, resident(born=date(1965, 6, 2)), meal(900, at=at)).subsidy_fen == 100
    assert quote(JURONG, resident(born=date(1965, 6, 3)), meal(900, at=at)).subsidy_fen == 0


@pytest.mark.parametrize("day, subsidy", [(date(2027, 2, 28), 100), (date(2027, 3, 1), 500)])
def test_feb_29_birthday_in_a_common_year_counts_from_march_1(day, subsidy):
    at = datetime.combine(day, datetime.min.time()).replace(hour=12)
    assert quote(JURONG, resident(born=date(1952, 2, 29)), meal(900, at=at)).subsidy_fen == subsidy


def test_second_lunch_the_same_day():
    usage = UsageSoFar(by_group={"lunch": used(1, 500)})
    assert quote(JURONG, resident(80), meal(1100), usage).payable_fen == 1100
