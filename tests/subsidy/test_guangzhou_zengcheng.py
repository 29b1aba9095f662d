"""Guangzhou Zengcheng: resident price, city 3 + district 3 + town the rest, home-area rule."""
from dataclasses import replace
from datetime import date, datetime

import pytest

from subsidy import UsageSoFar

from .factories import LICHENG, by_funder, example, meal, quote, resident, used

ZENGCHENG = example("guangzhou-zengcheng")
XINTANG = replace(LICHENG, street="新塘镇", community="")          # another town, same district
HUANGPU = replace(LICHENG, district="黄埔区", street="大沙街道")     # another district
FOSHAN = replace(LICHENG, city="佛山市", district="禅城区")          # another city


@pytest.mark.parametrize("who, shares, pays", [
    (resident(65, "dibao"), {"city": 300, "district": 300, "town": 500}, 100),
    (resident(85, "tekun"), {"city": 300, "district": 300, "town": 500}, 100),  # best rule wins
    (resident(85), {"city": 300, "district": 300, "town": 300}, 300),
    (resident(70), {"city": 300, "district": 300, "town": 100}, 500),
    (resident(59, "dibao"), {}, 1200),
])
def test_published_12_yuan_meal(who, shares, pays):
    q = quote(ZENGCHENG, who, meal(1200))
    assert (by_funder(q), q.payable_fen) == (shares, pays)


@pytest.mark.parametrize("canteen, shares, pays", [
    (XINTANG, {"city": 300, "district": 300}, 600),   # another town: no town share
    (HUANGPU, {"city": 300}, 900),                    # another district: no district/town share
    (FOSHAN, {}, 1200),                               # another city: nothing
])
def test_eating_outside_the_home_area_loses_shares(canteen, shares, pays):
    q = quote(ZENGCHENG, resident(65, "low_income"), meal(1200), canteen=canteen)
    assert (by_funder(q), q.payable_fen) == (shares, pays)


def test_lost_share_is_explained_on_the_line():
    q = quote(ZENGCHENG, resident(65, "youfu"), meal(1200), canteen=XINTANG)
    assert all("镇街部分不予补贴" in line.reason_zh and "no Town share" in line.reason_en
               for line in q.lines)


def test_unknown_home_town_is_treated_as_elsewhere():
    who = resident(65, "dibao", home=replace(LICHENG, street=""))
    assert by_funder(quote(ZENGCHENG, who, meal(1200))) == {"city": 300, "district": 300}


@pytest.mark.parametrize("price, shares, pays", [
    (800, {"city": 300, "district": 300, "town": 100}, 100),   # cheaper meal: still pays 1 yuan
    (500, {"city": 300, "district": 100}, 100),                 # shares fill in order
    (100, {}, 100),
    (1500, {"city": 300, "district": 300, "town": 500}, 400),   # government gives at most 11
])
def test_other_prices_keep_the_resident_price_within_the_maximum(price, shares, pays):
    q = quote(ZENGCHENG, resident(65, "dibao"), meal(price))
    assert (by_funder(q), q.payable_fen) == (shares, pays)


def test_80th_birthday_itself_moves_to_the_80_plus_band():
    at = datetime(2025, 6, 2, 12)
    assert quote(ZENGCHENG, resident(born=date(1945, 6, 2)), meal(1200, at=at)).payable_fen == 300
    assert quote(ZENGCHENG, resident(born=date(1945, 6, 3)), meal(1200, at=at)).payable_fen == 500


@pytest.mark.parametrize("day, pays", [
    (date(2024, 2, 28), 500),   # 79
    (date(2024, 2, 29), 300),   # 80 on the leap day itself
    (date(2025, 2, 28), 300),
])
def test_feb_29_birthday(day, pays):
    at = datetime.combine(day, datetime.min.time()).replace(hour=12)
    assert quote(ZENGCHENG, resident(born=date(1944, 2, 29)), meal(1200, at=at)).payable_fen == pays


def test_once_per_meal_period():
    usage = UsageSoFar(by_group={"meal": used(1, 1100, scope="period")})
    assert quote(ZENGCHENG, resident(65, "dibao"), meal(1200), usage).subsidy_fen == 0
    dinner_usage = UsageSoFar(by_group={"meal": used(1, 1100, scope="day")})
    assert quote(ZENGCHENG, resident(65, "dibao"), meal(1200, period="dinner"),
                 dinner_usage).subsidy_fen == 1100
