"""Set meals per meal period, two vegetable dishes among them: planned, checked and explained."""
from __future__ import annotations

from dataclasses import replace

import pytest
from menu_factories import dish, lunch_catalog

from menu import SET_MEALS, Budget, MealPeriod, Pin, Rules, load_demo_catalog, serving_rank, set_meal
from menu.checker import check_plan, hard_problems
from menu.explain import precheck
from menu.labels import Category, role_label
from menu.plan import Placement, WeekPlan
from menu.planner import plan_week

LUNCH = MealPeriod.LUNCH
PLAIN = Rules(weekly_counts=(), nutrition=())
TWO_VEG = set_meal(LUNCH, "one_small_two_veg")
# The factory catalog's staples are mostly fine and its half-meat dishes firm: those rules stay out.
TWO_VEG_RULES = replace(PLAIN, templates=(TWO_VEG,), soft_protein=False, coarse_staple_daily=False,
                        coarse_lunch_days=0)


@pytest.fixture(scope="module")
def demo():
    return load_demo_catalog()


@pytest.mark.parametrize("name", list(SET_MEALS[LUNCH]))
def test_each_lunch_set_meal_plans_a_week_that_keeps_every_hard_rule(demo, name):
    rules = Rules(templates=(set_meal(LUNCH, name),))
    result = plan_week(demo, rules, time_limit_s=3.0)
    assert result.status in ("optimal", "feasible")
    roles = [r.name for r in rules.templates[0].roles]
    for day in range(7):
        assert sorted(p.role for p in result.plan.placements if p.day == day) == sorted(roles)
    assert hard_problems(check_plan(result.plan, demo, rules)) == []
    by_code = {d.code: d for d in demo}
    for day in range(7):
        vegetables = [result.plan.at(day, LUNCH, r) for r in roles if r.startswith("vegetable")]
        assert all(by_code[code].category == Category.VEGETABLE for code in vegetables)
        assert len(set(vegetables)) == len(vegetables)


def test_set_meals_name_their_positions_and_fall_back_to_the_standard():
    assert [r.name for r in TWO_VEG.roles] == ["half_meat", "vegetable", "vegetable_2", "staple", "soup"]
    assert [r.name for r in set_meal(LUNCH, "big_small_two_veg").roles] == [
        "meat", "half_meat", "vegetable", "vegetable_2", "staple", "soup"]
    assert set_meal(LUNCH, "no_such_meal") == set_meal(LUNCH) == Rules().templates[0]
    assert set_meal(MealPeriod.DINNER, ["not", "a", "name"]) == SET_MEALS[MealPeriod.DINNER]["standard"].template
    for meals in SET_MEALS.values():
        for meal in meals.values():
            names = [r.name for r in meal.template.roles]
            assert len(names) == len(set(names)) and meal.label() and meal.label("en")
    assert SET_MEALS[LUNCH]["one_small_two_veg"].label() == "一荤素两素一饭一汤"
    assert (role_label("vegetable_2"), role_label("vegetable_2", "en")) == ("素菜", "vegetable dish")


def test_the_second_vegetable_is_listed_right_after_the_first():
    lunch = sorted(["soup", "staple", "vegetable_2", "vegetable", "half_meat", "meat"],
                   key=lambda r: serving_rank(LUNCH, r))
    assert lunch == ["meat", "half_meat", "vegetable", "vegetable_2", "staple", "soup"]
    breakfast = sorted(["vegetable", "egg_tofu", "staple", "porridge"], key=lambda r: serving_rank("breakfast", r))
    assert breakfast == ["porridge", "staple", "egg_tofu", "vegetable"]  # as before set meals
    assert serving_rank(LUNCH, "fruit") == 6  # a role no set meal has: last


def test_checker_sees_both_vegetable_positions():
    catalog = lunch_catalog(veg=14)
    half, veg, staples, soups = (_of(catalog, c) for c in (Category.HALF_MEAT, Category.VEGETABLE,
                                                             Category.STAPLE, Category.SOUP))
    rows = [(half[day], veg[2 * day], veg[2 * day + 1], staples[day], soups[day % 5]) for day in range(7)]
    plan = _plan(rows, TWO_VEG)
    assert hard_problems(check_plan(plan, catalog, TWO_VEG_RULES)) == []
    doubled = plan.replace(0, LUNCH, "vegetable_2", veg[0])  # the same vegetable twice in one meal
    codes = {p.code for p in hard_problems(check_plan(doubled, catalog, TWO_VEG_RULES))}
    assert {"repeated_dish", "same_main_ingredient"} <= codes
    one_vegetable = WeekPlan(tuple(p for p in plan.placements if p.role != "vegetable_2"))
    empty = [p for p in check_plan(one_vegetable, catalog, TWO_VEG_RULES) if p.code == "empty_slot"]
    assert [p.params["day"] for p in empty] == list(range(7)) and empty[0].message() == "周一午餐缺少「素菜」"


def test_precheck_counts_both_vegetable_positions():
    [short] = [p for p in precheck(lunch_catalog(veg=13), TWO_VEG_RULES) if p.code == "too_few_dishes"]
    assert (short.params["have"], short.params["need"], short.params["add"]) == (13, 14, 1)
    assert precheck(lunch_catalog(veg=14), TWO_VEG_RULES) == []


def test_cheapest_meal_takes_two_different_vegetables():
    catalog = [*lunch_catalog(veg=14), dish(Category.VEGETABLE, cost_fen=10)]
    # half-meat 3.00 + vegetables 0.10 and 1.00 + staple 0.40 + soup 0.60: the 0.10 dish only once.
    rules = replace(TWO_VEG_RULES, budgets={LUNCH: Budget(500, 500)})
    problems = [p for p in precheck(catalog, rules) if p.code == "cheapest_meal_over_cap"]
    assert [p.params["cost_fen"] for p in problems] == [510]


def test_a_pin_in_a_position_the_set_meal_no_longer_has_is_named():
    catalog = lunch_catalog(veg=14)
    meat = _of(catalog, Category.MEAT)[0]
    [problem] = precheck(catalog, TWO_VEG_RULES, pins=[Pin(0, LUNCH, "meat", meat)])
    assert problem.code == "pin_not_in_set_meal" and problem.message("en").startswith(
        "Monday lunch: pinned Dish ")
    assert problem.message().endswith("在「荤菜」位置，现在的套餐没有这个位置；请取消固定后再排菜")


def _of(catalog: list, category: Category) -> list[str]:
    return [d.code for d in catalog if d.category == category]


def _plan(rows: list[tuple[str, ...]], template) -> WeekPlan:
    """A lunch plan from rows of codes in the template's role order, one row a day."""
    return WeekPlan.of(Placement(day, LUNCH, r.name, code) for day, row in enumerate(rows)
                       for r, code in zip(template.roles, row))
