"""The checker: exact problems and messages for hand-made plans."""
from __future__ import annotations

from dataclasses import replace

import pytest
from menu_factories import dish, lunch_catalog, lunch_plan

from menu.checker import check_plan, hard_problems
from menu.labels import Allergen, Category
from menu.problems import Severity
from menu.rules import Budget, Nutrient, NutrientTarget, Pin, Rules
from vocabulary import MealPeriod

PLAIN = Rules(weekly_counts=(), nutrition=())


@pytest.fixture
def catalog():
    return lunch_catalog()


def codes(catalog, category, coarse=None):
    return [d.code for d in catalog if d.category == category
            and (coarse is None or d.coarse_or_whole == coarse)]


def valid_rows(catalog):
    meat, half, veg = codes(catalog, Category.MEAT), codes(catalog, Category.HALF_MEAT), codes(catalog, Category.VEGETABLE)
    coarse, soup = codes(catalog, Category.STAPLE, coarse=True), codes(catalog, Category.SOUP)
    staples = [coarse[i] for i in (0, 1, 2, 3, 4, 0, 1)]
    soups = [soup[i] for i in (0, 1, 2, 3, 4, 0, 1)]
    return [(meat[d], half[d], veg[d], staples[d], soups[d]) for d in range(7)]


def test_valid_plan_has_no_problems(catalog):
    assert check_plan(lunch_plan(valid_rows(catalog)), catalog, PLAIN) == []


def test_repeated_dish_names_the_days(catalog):
    rows = valid_rows(catalog)
    rows[1] = (rows[0][0], *rows[1][1:])
    [problem] = check_plan(lunch_plan(rows), catalog, PLAIN)
    name = next(d.name for d in catalog if d.code == rows[0][0])
    assert problem.code == "repeated_dish" and problem.severity == Severity.HARD
    assert problem.message() == f"{name}一周内重复出现（周一、周二）"


def test_staple_on_consecutive_days_and_over_the_limit(catalog):
    rows = valid_rows(catalog)
    rows[1] = (*rows[1][:3], rows[0][3], rows[1][4])
    problems = check_plan(lunch_plan(rows), catalog, PLAIN)
    assert [p.code for p in problems] == ["repeat_limit", "repeat_consecutive"]
    assert problems[0].params["times"] == 3 and problems[0].params["limit"] == 2
    assert problems[1].message("en").endswith("is served on consecutive days (Monday, Tuesday)")


def test_same_main_ingredient_in_one_meal(catalog):
    meat = next(d for d in catalog if d.category == Category.MEAT)
    half = next(d for d in catalog if d.category == Category.HALF_MEAT)
    catalog = [replace(d, main_ingredient="pork") if d in (meat, half) else d for d in catalog]
    [problem] = check_plan(lunch_plan(valid_rows(catalog)), catalog, PLAIN)
    assert problem.code == "same_main_ingredient"
    assert problem.message() == f"周一午餐有两道以pork为主料的菜：{half.name}、{meat.name}"  # in plan (role name) order


def test_cost_cap_and_average(catalog):
    rules = replace(PLAIN, budgets={MealPeriod.LUNCH: Budget(average_fen=850, cap_fen=880)})
    problems = check_plan(lunch_plan(valid_rows(catalog)), catalog, rules)
    caps = [p for p in problems if p.code == "meal_cost_cap"]
    assert len(caps) == 7 and caps[0].params == {"day": 0, "period": MealPeriod.LUNCH,
                                                 "cost_fen": 900, "cap_fen": 880}
    [average] = [p for p in problems if p.code == "average_cost"]
    assert average.message() == "午餐每餐平均食材成本9.00元，超过预算8.50元"
    assert average.message("en") == "Average lunch food cost ¥9.00 is above the budget ¥8.50"


def test_rotation_against_last_week(catalog):
    plan = lunch_plan(valid_rows(catalog))
    problems = check_plan(plan, catalog, PLAIN, history=[plan])
    assert {p.code for p in problems} == {"rotation_same_weekday"}
    assert len(problems) == 21  # meat, half-meat and vegetable each day; staples and soups exempt
    assert problems[0].params["weeks_ago"] == 1


def test_pinned_dish_moved(catalog):
    plan = lunch_plan(valid_rows(catalog))
    other = codes(catalog, Category.MEAT)[8]
    [problem] = check_plan(plan, catalog, PLAIN, pins=[Pin(2, MealPeriod.LUNCH, "meat", other)])
    assert problem.code == "pin_moved" and problem.message("en").startswith("Wednesday lunch, meat dish was pinned")


def test_excluded_allergen_and_low_salt(catalog):
    nutty = dish(Category.VEGETABLE, allergens=frozenset({Allergen.PEANUT}), low_salt=False,
                 food_group=catalog[20].food_group)
    rows = valid_rows(catalog)
    catalog = [*catalog, nutty]
    rows[3] = (*rows[3][:2], nutty.code, *rows[3][3:])
    salty = {d.code for d in catalog if d.code in rows[3]}
    catalog = [replace(d, low_salt=False) if d.code in salty else d for d in catalog]
    rules = replace(PLAIN, excluded_allergens=frozenset({Allergen.PEANUT}), dark_leafy_daily=False)
    problems = check_plan(lunch_plan(rows), catalog, rules)
    assert [p.code for p in problems] == ["excluded_allergen", "low_salt_meal"]
    assert problems[0].message() == f"周四午餐的{nutty.name}含本食堂排除的过敏原：花生"
    assert problems[1].message("en") == "Thursday lunch has 0 low-salt dishes; at least 1 required"


def test_missing_slot_coarse_and_dark_leafy(catalog):
    rows = valid_rows(catalog)
    fine = codes(catalog, Category.STAPLE, coarse=False)[0]
    rows[6] = (rows[6][0], rows[6][1], None, fine, rows[6][4])
    plan = lunch_plan([tuple(c for c in row) for row in rows])
    plan = type(plan)(tuple(p for p in plan.placements if p.code is not None))
    problems = check_plan(plan, catalog, PLAIN)
    assert [p.code for p in problems] == ["empty_slot", "no_vegetable_dish", "no_coarse_staple",
                                          "no_dark_leafy"]
    assert [p.message() for p in problems[1:]] == ["周日午餐没有素菜", "周日没有粗杂粮主食", "周日没有深色叶菜"]


def test_nutrition_shortfall_is_soft(catalog):
    rules = replace(PLAIN, nutrition=(NutrientTarget(Nutrient.ENERGY, daily_min=2000, day_cap=700),))
    problems = check_plan(lunch_plan(valid_rows(catalog)), catalog, rules)
    assert hard_problems(problems) == []
    assert problems[0].message() == "能量（千卡）平均每天720，低于目标800"
    assert problems[1].message("en") == "Monday: energy (kcal) is 720, above the daily cap 280"
