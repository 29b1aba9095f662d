"""Interchangeable days: when the planner may fix the order of the days, and how it orders them back."""
from __future__ import annotations

from menu_factories import dish, lunch_catalog, lunch_plan
from ortools.sat.python import cp_model

from menu.catalog import load_demo_catalog
from menu.checker import check_plan, hard_problems
from menu.labels import Category
from menu.model import build_model, candidates
from menu.plan import Placement, WeekPlan
from menu.planner import plan_week
from menu.rules import Pin, Rules, three_meals
from menu.symmetry import arrange_days, interchangeable
from menu.synthetic import synthetic_catalog
from vocabulary import MealPeriod

LUNCH = MealPeriod.LUNCH


def slots(dishes, rules, history=(), pins=()):
    return candidates(dishes, rules, history, pins, set())


def test_a_lunch_week_without_history_or_pins_has_interchangeable_days():
    assert interchangeable(slots(load_demo_catalog(), Rules()), Rules()) is True


def test_pins_and_rotation_history_tell_the_days_apart():
    dishes, rules = load_demo_catalog(), Rules()
    pinned = [Pin(2, LUNCH, "meat", "M02")]
    last_week = WeekPlan((Placement(0, LUNCH, "meat", "M02"),))
    assert interchangeable(slots(dishes, rules, pins=pinned), rules) is False
    assert interchangeable(slots(dishes, rules, history=[last_week]), rules) is False


def test_three_meals_a_day_share_too_many_staples_and_soups_for_a_guaranteed_order():
    rules = three_meals()
    assert interchangeable(slots(load_demo_catalog(), rules), rules) is False


def test_arrange_days_moves_a_staple_off_consecutive_days():
    dishes = lunch_catalog()
    meats, halves, vegs = dishes[0:7], dishes[9:16], dishes[18:25]
    rice, millet = dishes[27], dishes[32]
    soups = dishes[37:42]
    staples = [rice, rice, millet, millet, dishes[28], dishes[29], dishes[30]]
    rows = [(meats[d].code, halves[d].code, vegs[d].code, staples[d].code, soups[d % 5].code) for d in range(7)]
    arranged = arrange_days(lunch_plan(rows), Rules(), dishes)
    assert [arranged.at(d, LUNCH, "meat") for d in range(7)] == [meats[n].code for n in (0, 2, 1, 3, 4, 5, 6)]
    for day in range(6):
        assert arranged.at(day, LUNCH, "staple") != arranged.at(day + 1, LUNCH, "staple")
        assert arranged.at(day, LUNCH, "soup") != arranged.at(day + 1, LUNCH, "soup")


def test_arrange_days_says_so_when_no_order_exists():
    dishes = lunch_catalog()
    rice = dishes[27]
    rows = [(dishes[d].code, dishes[9 + d].code, dishes[18 + d].code, rice.code, dishes[37 + d].code)
            for d in range(3)]
    assert arrange_days(lunch_plan(rows), Rules(days=3, repeat_limit=3), dishes) is None


def test_ordered_days_reach_the_optimum_of_the_whole_model():
    dishes, rules = synthetic_catalog(120, seed=4), Rules()
    whole = build_model(dishes, rules)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 8
    solver.parameters.max_time_in_seconds = 60
    assert solver.solve(whole.model) == cp_model.OPTIMAL
    result = plan_week(dishes, rules, time_limit_s=30, explain=False)
    assert result.status == "optimal"
    assert result.objective == round(solver.objective_value)


def test_a_favourite_served_every_weekday_lately_stays_off_the_menu():
    favourite = dish(Category.MEAT, popularity=1.0, cost_fen=10)
    dishes = [favourite, *lunch_catalog()]
    rules = Rules(weekly_counts=(), nutrition=())
    every_day = WeekPlan.of(Placement(day, LUNCH, "meat", favourite.code) for day in range(7))
    result = plan_week(dishes, rules, history=[every_day], time_limit_s=10, explain=False)
    assert result.status == "optimal"
    assert favourite.code not in {p.code for p in result.plan.placements}
    assert hard_problems(check_plan(result.plan, dishes, rules, history=[every_day])) == []
