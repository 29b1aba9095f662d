"""Nanjing Jianye: fixed resident price per meal period, and a delivery-fee subsidy."""
import pytest

from .factories import example, meal, quote, resident

JIANYE = example("nanjing-jianye")


@pytest.mark.parametrize("period, price, pays", [
    ("breakfast", 600, 100), ("lunch", 1500, 200), ("dinner", 1300, 200), ("lunch", 150, 150),
])
def test_assisted_resident_pays_a_fixed_price(period, price, pays):
    q = quote(JIANYE, resident(70, "fuzhu"), meal(price, period=period))
    assert (q.subsidy_fen, q.payable_fen) == (price - pays, pays)


def test_delivery_fee_has_its_own_subsidy():
    q = quote(JIANYE, resident(70, "fuzhu", "disabled"),
              meal(1000, 500, channel="delivery", delivery_fee=500))
    assert [(line.rule_id, line.applies_to, line.amount_fen) for line in q.lines] == [
        ("fuzhu-lunch-dinner", "meal", 1300), ("disabled-delivery", "delivery_fee", 300)]
    assert (q.total_fen, q.payable_fen) == (2000, 400)


def test_delivery_subsidy_never_exceeds_the_fee():
    q = quote(JIANYE, resident(70, "disabled"), meal(1000, channel="delivery", delivery_fee=200))
    assert (q.subsidy_fen, q.payable_fen) == (200, 1000)


def test_meal_subsidy_does_not_spill_onto_the_delivery_fee():
    q = quote(JIANYE, resident(70, "fuzhu"), meal(150, channel="delivery", delivery_fee=500))
    assert (q.subsidy_fen, q.payable_fen) == (0, 650)


def test_no_delivery_subsidy_for_pick_up():
    q = quote(JIANYE, resident(70, "disabled"), meal(1000, channel="pick_up", delivery_fee=300))
    assert q.subsidy_fen == 0
