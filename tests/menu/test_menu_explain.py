"""Why no plan exists: counting pre-checks and rule-family relaxation, in the manager's words."""
from __future__ import annotations

from dataclasses import replace

from menu_factories import lunch_catalog

from menu.explain import precheck
from menu.families import Family
from menu.labels import Category
from menu.planner import plan_week
from menu.problems import Severity
from menu.rules import Budget, CountRule, KitchenLimit, Pin, Rules
from vocabulary import MealPeriod

PLAIN = Rules(weekly_counts=(), nutrition=())


def test_feasible_catalog_passes_precheck():
    assert precheck(lunch_catalog(), PLAIN) == []


def test_too_few_coarse_staples_for_lunches():
    rules = replace(PLAIN, repeat_limit=1, coarse_lunch_days=7, coarse_staple_daily=False)
    [problem] = precheck(lunch_catalog(soups=7), rules)
    assert problem.code == "too_few_coarse_lunch" and problem.severity == Severity.NO_PLAN
    assert problem.params == {"have": 5, "per": 1, "can": 5, "need": 7, "add": 2}
    assert problem.message("en") == (
        "Only 5 coarse-grain staples for lunch (each at most 1 times a week) cover 5 lunches; "
        "the rule asks for 7. Add 2 dishes or lower the rule to 5 days")
    assert problem.message() == (
        "午餐可用的粗杂粮主食只有5种（每种每周最多1次），只够5天午餐，规则要求7天；请增加2种，或把规则降到5天")


def test_too_few_meat_dishes_which_are_also_the_soft_ones():
    problems = precheck(lunch_catalog(meat=5), PLAIN)
    assert [p.code for p in problems] == ["too_few_dishes", "too_few_soft_protein"]
    assert problems[0].message() == "午餐的荤菜只有5道可用，一周需要7道；请增加2道"
    assert problems[1].message() == "午餐可用的软烂荤菜（或蛋豆类）只够5餐，需要7餐；请增加2道"


def test_forced_maximum_and_cheapest_meal():
    rules = replace(PLAIN, weekly_counts=(CountRule("method:steam", maximum=2),),
                    budgets={MealPeriod.LUNCH: Budget(800, 850)},
                    kitchen={MealPeriod.LUNCH: KitchenLimit(0, 0)})
    problems = precheck(lunch_catalog(), rules)
    assert [p.code for p in problems] == ["forced_over_maximum", "cheapest_meal_over_cap",
                                          "cheapest_week_over_budget"]
    assert problems[0].message("en") == "The meal template forces 35 steamed dishes a week, above the limit 2"
    assert problems[1].message() == "午餐最便宜的搭配也要9.00元，超过每餐上限8.50元"


def test_pin_of_unknown_dish():
    [problem] = precheck(lunch_catalog(), PLAIN, pins=[Pin(0, MealPeriod.LUNCH, "meat", "NOPE")])
    assert problem.message("en") == "Monday lunch, meat dish: pinned dish code NOPE is not in the catalog"


def test_relaxation_names_the_rule_counting_cannot_see():
    catalog = [replace(d, main_ingredient="pork") if d.category in (Category.MEAT, Category.HALF_MEAT) else d
               for d in lunch_catalog()]
    result = plan_week(catalog, PLAIN, time_limit_s=5)
    assert result.plan is None and result.status == "infeasible"
    assert [(p.code, p.params["family"]) for p in result.problems] == [
        ("rule_blocks_plan", Family.MAIN_INGREDIENT)]
    assert result.problems[0].message() == "各条规则单独都能满足，但合在一起排不出菜单；放宽「同一餐主料不重复」就能排出"


def test_infeasible_plan_summary_speaks_first():
    result = plan_week(lunch_catalog(meat=5), PLAIN, time_limit_s=2)
    assert result.summary("en") == (
        "No plan: Only 5 dishes of type meat dish can be served at lunch; the week needs 7. Add 2; "
        "Soft meat, egg or tofu dishes cover only 5 lunch meals of 7. Add 2")
