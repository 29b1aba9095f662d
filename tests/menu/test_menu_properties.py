"""Properties over random catalogs: planned weeks pass the checker; impossible ones are explained."""
from __future__ import annotations

import random
from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from menu.checker import check_plan, hard_problems
from menu.labels import Category
from menu.objective import score_plan
from menu.planner import plan_week
from menu.problems import Severity
from menu.rules import CountRule, Rules
from menu.synthetic import synthetic_catalog
from vocabulary import MealPeriod

SETTINGS = settings(max_examples=10, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])
cases = st.fixed_dictionaries({
    "size": st.integers(90, 200), "seed": st.integers(0, 10_000), "drop": st.floats(0.0, 0.4),
    "repeat_limit": st.integers(1, 3), "coarse_lunch_days": st.integers(0, 7),
    "fish": st.integers(0, 3), "fried": st.integers(0, 2)})


def build(case: dict) -> tuple[list, Rules]:
    """A random catalog (varied demo dishes, some dropped) and randomly tightened rules."""
    rng = random.Random(case["seed"])
    dishes = [d for d in synthetic_catalog(case["size"], seed=case["seed"], spread=0.3)
              if rng.random() >= case["drop"] or d.category in (Category.STAPLE, Category.SOUP)]
    rules = Rules(repeat_limit=case["repeat_limit"], coarse_lunch_days=case["coarse_lunch_days"],
                  weekly_counts=(CountRule("group:fish", minimum=case["fish"]),
                                 CountRule("method:fry", maximum=case["fried"])))
    return dishes, rules


@SETTINGS
@given(cases, st.data())
def test_every_plan_passes_the_checker_and_hand_edits_are_caught(case, data):
    dishes, rules = build(case)
    result = plan_week(dishes, rules, time_limit_s=1.0, explain=False)
    if result.plan is None:
        assert result.problems and all(p.severity == Severity.NO_PLAN for p in result.problems)
        return
    assert hard_problems(check_plan(result.plan, dishes, rules)) == []
    assert score_plan(result.plan, dishes, rules) <= result.objective
    assert result.bound <= result.objective
    meats = [p for p in result.plan.placements if p.role == "meat"]
    first, second = data.draw(st.sampled_from(meats)), data.draw(st.sampled_from(meats))
    if first.day != second.day:
        edited = result.plan.replace(second.day, second.period, second.role, first.code)
        assert "repeated_dish" in {p.code for p in hard_problems(check_plan(edited, dishes, rules))}


@SETTINGS
@given(cases, st.integers(0, 3))
def test_too_few_coarse_staples_are_named(case, coarse_left):
    dishes, rules = build(case)
    rules = replace(rules, coarse_lunch_days=7, repeat_limit=min(rules.repeat_limit, 2))  # <= 3 x 2 < 7
    coarse = [d for d in dishes if d.category == Category.STAPLE and d.coarse_or_whole]
    dishes = [d for d in dishes if d not in coarse[coarse_left:]]
    left = sum(1 for d in coarse[:coarse_left] if MealPeriod.LUNCH in d.periods)
    result = plan_week(dishes, rules, time_limit_s=1.0)
    assert result.plan is None
    [named] = [p for p in result.problems if p.code == "too_few_coarse_lunch"]
    assert named.params["have"] == left and named.params["need"] == 7
    assert "7" in named.message() and "coarse-grain staples" in named.message("en")
