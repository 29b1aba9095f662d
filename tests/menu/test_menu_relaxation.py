"""The LP relaxation behind the planner's bound and its reduced-cost fixing."""
from __future__ import annotations

from menu.catalog import load_demo_catalog
from menu.model import build_model
from menu.objective import score_plan
from menu.planner import plan_week
from menu.relaxation import relax
from menu.rules import Rules
from menu.synthetic import synthetic_catalog


def test_lp_bound_is_below_any_plan_and_fixing_keeps_the_plan():
    dishes, rules = load_demo_catalog(), Rules()
    result = plan_week(dishes, rules, time_limit_s=3.0)
    mm = build_model(dishes, rules)
    lp = relax(mm.model)
    objective = score_plan(result.plan, dishes, rules)
    assert lp.bound <= objective + 1e-6
    chosen = {(p.day, p.period, p.role, p.code) for p in result.plan.placements}
    for slot, options in mm.choices.items():
        for dish, var in options:
            if (*slot, dish.code) in chosen:  # a plan's every choice survives fixing at its objective
                assert lp.bound + lp.reduced_costs[var.index] <= objective + 1e-3


def test_bound_holds_for_the_whole_catalog():
    dishes, rules = synthetic_catalog(150, seed=3), Rules()
    result = plan_week(dishes, rules, time_limit_s=4.0, explain=False)
    lp = relax(build_model(dishes, rules).model)
    assert lp.bound - 1 <= result.bound <= result.objective
    if result.status == "optimal":
        assert result.bound == result.objective
