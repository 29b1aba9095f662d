"""Beijing 2022: basic elderly-service recipients, 5 yuan a day, lunch or dinner, meal > 5 yuan."""
from datetime import date, timedelta

import pytest

from subsidy import CategoryGrant, ResidentFacts, UsageSoFar

from .factories import LICHENG, TODAY, example, meal, quote, resident, used

BEIJING = example("beijing-2022")
YESTERDAY, TOMORROW = TODAY - timedelta(days=1), TODAY + timedelta(days=1)


def holder(**kw) -> ResidentFacts:
    """A basic elderly-service recipient aged 75."""
    return resident(75, "basic_service", **kw)


def test_lunch_gets_five_yuan_and_records_rule_version_funder():
    q = quote(BEIJING, holder(), meal(1200, 300))
    assert (q.total_fen, q.subsidy_fen, q.payable_fen) == (1500, 500, 1000)
    (line,) = q.lines
    assert (line.policy_id, line.policy_version, line.group, line.rule_id, line.funder,
            line.applies_to, line.amount_fen) == (
        "beijing", "2022", "meal", "basic-service", "government", "meal", 500)
    assert "5.00元" in line.reason_zh and "5.00 yuan" in line.reason_en


@pytest.mark.parametrize("period, subsidy", [("breakfast", 0), ("lunch", 500), ("dinner", 500)])
def test_lunch_or_dinner_only(period, subsidy):
    assert quote(BEIJING, holder(), meal(1500, period=period)).subsidy_fen == subsidy


@pytest.mark.parametrize("price, subsidy, pays", [(500, 0, 500), (501, 500, 1), (300, 0, 300)])
def test_only_when_the_meal_costs_more_than_the_subsidy(price, subsidy, pays):
    q = quote(BEIJING, holder(), meal(price))
    assert (q.subsidy_fen, q.payable_fen) == (subsidy, pays)


def test_not_a_recipient_gets_nothing():
    q = quote(BEIJING, resident(75), meal(1500))
    assert (q.lines, q.payable_fen) == ((), 1500)


def test_second_lunch_the_same_day_is_not_subsidised():
    usage = UsageSoFar(by_group={"meal": used(1, 500)})
    assert quote(BEIJING, holder(), meal(1500), usage).subsidy_fen == 0


def test_dinner_after_a_subsidised_lunch_is_not_subsidised():
    usage = UsageSoFar(by_group={"meal": used(1, 500, scope="day")})
    assert quote(BEIJING, holder(), meal(1500, period="dinner"), usage).subsidy_fen == 0


def test_yesterdays_lunch_does_not_count_today():
    usage = UsageSoFar(by_group={"meal": used(20, 10000, scope="month")})
    assert quote(BEIJING, holder(), meal(1500), usage).subsidy_fen == 500


@pytest.mark.parametrize("valid_from, valid_to, subsidy", [
    (None, YESTERDAY, 0),        # expired yesterday
    (None, TODAY, 500),          # valid_to is the last valid day
    (TOMORROW, None, 0),         # not yet valid
    (TODAY, None, 500),
])
def test_category_validity_dates(valid_from, valid_to, subsidy):
    who = ResidentFacts(date(1950, 1, 1), LICHENG,
                        (CategoryGrant("basic_service", valid_from, valid_to),))
    assert quote(BEIJING, who, meal(1500)).subsidy_fen == subsidy


@pytest.mark.parametrize("status, status_date, subsidy", [
    ("deceased", YESTERDAY, 0),    # a sale after the death date
    ("deceased", TODAY, 500),      # the day itself still counts
    ("deceased", None, 0),         # no date: nothing, we cannot tell when it ended
    ("moved_away", YESTERDAY, 0),
    ("moved_away", TOMORROW, 500),
])
def test_status_ends_the_subsidy_after_its_date(status, status_date, subsidy):
    who = holder(status=status, status_date=status_date)
    assert quote(BEIJING, who, meal(1500)).subsidy_fen == subsidy
