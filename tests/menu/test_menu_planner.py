"""The CP-SAT planner on the demo catalog: valid plans, pins, exclusions, rotation."""
from __future__ import annotations

from dataclasses import replace

import pytest

from menu.catalog import load_demo_catalog
from menu.checker import check_plan, hard_problems
from menu.labels import Allergen, Category
from menu.objective import score_plan
from menu.planner import plan_week
from menu.problems import Severity
from menu.rules import Pin, Rules, three_meals
from vocabulary import MealPeriod

FAST = dict(time_limit_s=3.0)  # a valid plan comes in well under a second; room for a loaded CI


@pytest.fixture(scope="module")
def demo():
    return load_demo_catalog()


@pytest.fixture(scope="module")
def lunch_week(demo):
    return plan_week(demo, Rules(), **FAST)


def test_lunch_week_passes_every_hard_rule(demo, lunch_week):
    assert lunch_week.status in ("optimal", "feasible")
    assert hard_problems(check_plan(lunch_week.plan, demo, Rules())) == []
    assert len(lunch_week.plan.placements) == 35
    assert all(p.severity == Severity.SOFT for p in lunch_week.problems)


def test_result_reports_objective_bound_and_gap(demo, lunch_week):
    assert lunch_week.bound <= lunch_week.objective
    assert 0 <= lunch_week.gap_percent <= 100  # 2 s is too short to close the gap
    assert score_plan(lunch_week.plan, demo, Rules()) <= lunch_week.objective
    assert lunch_week.summary("en").endswith(" s")


def test_three_meal_week_passes_every_hard_rule(demo):
    rules = three_meals()
    result = plan_week(demo, rules, time_limit_s=5.0)
    assert hard_problems(check_plan(result.plan, demo, rules)) == []
    assert {p.period for p in result.plan.placements} == set(MealPeriod)


def test_pins_stay_and_exclusions_hold(demo):
    rules = Rules(excluded_allergens=frozenset({Allergen.PEANUT, Allergen.SHELLFISH}), exclude_spicy=True)
    pins = [Pin(2, MealPeriod.LUNCH, "meat", "M02"), Pin(4, MealPeriod.LUNCH, "vegetable", "V05")]
    result = plan_week(demo, rules, pins=pins, **FAST)
    assert result.plan.at(2, MealPeriod.LUNCH, "meat") == "M02"
    assert result.plan.at(4, MealPeriod.LUNCH, "vegetable") == "V05"
    served = {d.code: d for d in demo if d.code in {p.code for p in result.plan.placements}}
    assert not any(d.spicy or d.allergens & rules.excluded_allergens for d in served.values())
    assert hard_problems(check_plan(result.plan, demo, rules, pins=pins)) == []


def test_next_week_rotates_away_from_last_week(demo, lunch_week):
    rules = Rules()
    history = [lunch_week.plan]
    result = plan_week(demo, rules, history=history, **FAST)
    assert hard_problems(check_plan(result.plan, demo, rules, history=history)) == []
    last = {(p.day, p.code) for p in lunch_week.plan.placements}
    repeatable = {d.code for d in demo if d.category in rules.repeatable}
    assert not {(p.day, p.code) for p in result.plan.placements if p.code not in repeatable} & last


def test_too_few_coarse_staples_is_explained_before_solving(demo):
    coarse = [d for d in demo if d.category == Category.STAPLE and d.coarse_or_whole and
              MealPeriod.LUNCH in d.periods]
    catalog = [d for d in demo if d not in coarse[5:]]
    result = plan_week(catalog, Rules(repeat_limit=1, coarse_lunch_days=7), **FAST)
    assert result.plan is None
    assert "too_few_coarse_lunch" in [p.code for p in result.problems]
    [p] = [p for p in result.problems if p.code == "too_few_coarse_lunch"]
    assert p.message("en").startswith("Only 5 coarse-grain staples for lunch")


def test_soft_target_missed_still_gives_a_plan(demo):
    rules = replace(Rules(), nutrition=(replace(Rules().nutrition[0], daily_min=5000),))
    result = plan_week(demo, rules, **FAST)
    assert result.plan is not None
    [low] = [p for p in result.problems if p.code == "nutrient_low"]
    assert low.params["target"] == 2000.0  # 5,000 kcal a day x lunch's 40 % share
    assert all(p.severity == Severity.SOFT for p in result.problems)
