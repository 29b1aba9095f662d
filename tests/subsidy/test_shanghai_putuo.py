"""Shanghai Putuo 2025: 60+ pay 90%/85%, then registered residents' per-day subsidy."""
from datetime import date

import pytest

from subsidy import UsageSoFar

from .factories import TODAY, born_aged, example, meal, quote, resident, used

PUTUO = example("shanghai-putuo-2025")


@pytest.mark.parametrize("age, price, subsidy", [
    (59, 1500, 0),
    (60, 1500, 150),
    (70, 1555, 155),    # 155.5 rounds down: the resident pays 14.00
    (70, 9, 0),         # 0.9 fen rounds down to nothing
    (79, 1000, 100),
    (80, 1000, 150),
    (80, 1555, 233),    # 233.25 -> 233
    (101, 1200, 180),
])
def test_everyone_60_plus_gets_the_percentage_discount(age, price, subsidy):
    q = quote(PUTUO, resident(age), meal(price))
    assert (q.subsidy_fen, q.payable_fen) == (subsidy, price - subsidy)
    assert all(line.group == "discount" for line in q.lines)


def test_80th_birthday_itself_gets_85_percent():
    assert quote(PUTUO, resident(born=born_aged(80)), meal(1000)).payable_fen == 850
    day_before = date(TODAY.year - 80, TODAY.month, TODAY.day + 1)
    assert quote(PUTUO, resident(born=day_before), meal(1000)).payable_fen == 900


def test_60th_birthday_itself_starts_the_discount():
    assert quote(PUTUO, resident(born=born_aged(60)), meal(1000)).subsidy_fen == 100
    day_before = date(TODAY.year - 60, TODAY.month, TODAY.day + 1)
    assert quote(PUTUO, resident(born=day_before), meal(1000)).subsidy_fen == 0


@pytest.mark.parametrize("price, discount, registered", [
    (1499, 149, 0),     # just below the 15-yuan minimum spend
    (1500, 150, 200),   # at the threshold
    (2000, 200, 200),
])
def test_registered_60_to_79_minimum_spend(price, discount, registered):
    q = quote(PUTUO, resident(70, "registered"), meal(price))
    assert [(line.rule_id, line.amount_fen) for line in q.lines] == (
        [("discount-60", discount)] + ([("registered-60", registered)] if registered else []))
    assert q.payable_fen == price - discount - registered


def test_registered_80_plus_stacks_on_the_discount():
    q = quote(PUTUO, resident(85, "registered"), meal(1200, 800))
    assert [(line.rule_id, line.amount_fen) for line in q.lines] == [
        ("discount-80", 300), ("registered-80", 300)]
    assert q.payable_fen == 1400


@pytest.mark.parametrize("price, subsidy", [(799, 79), (800, 80 + 500), (1500, 150 + 500)])
def test_dibao_minimum_spend_of_8_yuan(price, subsidy):
    q = quote(PUTUO, resident(65, "dibao", "registered"), meal(price))
    assert (q.subsidy_fen, q.payable_fen) == (subsidy, price - subsidy)


def test_minimum_spend_is_the_price_before_the_discount():
    # 15.00 less 10% is 13.50, yet the spend is 15.00: the registered rule applies.
    assert quote(PUTUO, resident(70, "registered"), meal(1500)).subsidy_fen == 350


def test_registered_subsidy_once_a_day_discount_every_meal():
    usage = UsageSoFar(by_group={"registered": used(1, 200)})
    q = quote(PUTUO, resident(70, "registered"), meal(1500, period="dinner"), usage)
    assert [(line.rule_id, line.amount_fen) for line in q.lines] == [("discount-60", 150)]


def test_registered_rule_needs_age_60():
    q = quote(PUTUO, resident(59, "dibao", "registered"), meal(1500))
    assert q.lines == ()
