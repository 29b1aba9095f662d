"""Combination and caps, on small inline policies."""
from datetime import datetime

import pytest

from subsidy import Meal, OrderLine, Tally, Usage, UsageSoFar, parse_policy

from .factories import by_funder, meal, quote, resident, used
from .texts import policy_text

GROUP = '''
[groups.{gid}]
name_zh = "组"
name_en = "group"
{caps}
'''
RULE = '''
[[rules]]
id = "{rid}"
group = "{gid}"
name_zh = "规则"
name_en = "rule"
{body}
'''
TOWN = '''
[funders.town]
name_zh = "镇"
name_en = "Town"
{caps}
'''


def policy(*parts: str, town_caps: str | None = None):
    """A policy of the given group/rule snippets (a second funder 'town' if town_caps is given)."""
    extra = "" if town_caps is None else TOWN.format(caps=town_caps)
    return parse_policy(policy_text(body=extra + "".join(parts)))


def group(gid: str = "g", caps: str = "") -> str:
    return GROUP.format(gid=gid, caps=caps)


def rule(rid: str, body: str, gid: str = "g") -> str:
    return RULE.format(rid=rid, gid=gid, body=body)


def test_within_a_group_the_largest_subsidy_wins():
    p = policy(group(), rule("small", "subsidy_fen = 200"), rule("big", "subsidy_percent = 50"))
    assert [line.rule_id for line in quote(p, resident(), meal(1000)).lines] == ["big"]
    assert [line.rule_id for line in quote(p, resident(), meal(300)).lines] == ["small"]


def test_a_tie_keeps_the_rule_listed_first():
    p = policy(group(), rule("first", "subsidy_fen = 500"),
               rule("second", "resident_pays_fen = 500"))
    assert [line.rule_id for line in quote(p, resident(), meal(1000)).lines] == ["first"]


def test_groups_stack_in_file_order_each_on_what_is_left():
    percent_first = policy(group("a"), group("b"), rule("pct", "subsidy_percent = 50", "a"),
                           rule("fix", "subsidy_fen = 300", "b"))
    fixed_first = policy(group("b"), group("a"), rule("pct", "subsidy_percent = 50", "a"),
                         rule("fix", "subsidy_fen = 300", "b"))
    assert quote(percent_first, resident(), meal(1000)).subsidy_fen == 500 + 300
    assert quote(fixed_first, resident(), meal(1000)).subsidy_fen == 300 + 350


def test_stacked_groups_never_exceed_the_price():
    p = policy(group("a"), group("b"), rule("x", "subsidy_fen = 700", "a"),
               rule("y", "resident_pays_fen = 0", "b"))
    q = quote(p, resident(), meal(1000))
    assert [(line.rule_id, line.amount_fen) for line in q.lines] == [("x", 700), ("y", 300)]
    assert q.payable_fen == 0


@pytest.mark.parametrize("caps, usage, subsidy", [
    ("per_day_fen = 800", used(1, 500, "day"), 300),
    ("per_month_fen = 3000", used(9, 2900, "month"), 100),
    ("per_month_count = 10", used(10, 0, "month"), 0),
    ("per_period_count = 1", used(1, 0, "day"), 500),    # another period the same day
    ("per_period_fen = 500", used(1, 500, "period"), 0),
])
def test_group_caps(caps, usage, subsidy):
    p = policy(group(caps=caps), rule("r", "subsidy_fen = 500"))
    q = quote(p, resident(), meal(1000), UsageSoFar(by_group={"g": usage}))
    assert q.subsidy_fen == subsidy


def test_rule_caps_use_the_rules_own_usage():
    p = policy(group(), rule("r", "subsidy_fen = 500\nper_day_fen = 600"))
    assert quote(p, resident(), meal(1000),
                 UsageSoFar(by_rule={"r": used(1, 500)})).subsidy_fen == 100
    assert quote(p, resident(), meal(1000),
                 UsageSoFar(by_rule={"other": used(1, 500)})).subsidy_fen == 500


def test_an_amount_cap_trims_the_last_listed_funder_first():
    p = policy(group(caps="per_day_fen = 1000"),
               rule("r", 'subsidy_fen = 800\nshares = { city = 500, town = "rest" }'), town_caps="")
    q = quote(p, resident(), meal(2000), UsageSoFar(by_group={"g": used(1, 400)}))
    assert by_funder(q) == {"city": 500, "town": 100}


def test_funder_caps_reduce_only_that_funders_share():
    p = policy(group(), rule("r", 'subsidy_fen = 800\nshares = { city = 500, town = "rest" }'),
               town_caps="per_month_fen = 1000")
    q = quote(p, resident(), meal(2000), UsageSoFar(by_funder={"town": used(5, 900, "month")}))
    assert (by_funder(q), q.payable_fen) == ({"city": 500, "town": 100}, 1400)


def test_funder_caps_count_what_earlier_groups_of_the_same_sale_gave():
    town_pays = 'subsidy_fen = 300\nshares = { town = "rest" }'
    p = policy(group("a"), group("b"), rule("x", town_pays, "a"), rule("y", town_pays, "b"),
               town_caps="per_day_fen = 400\nper_day_count = 1")
    q = quote(p, resident(), meal(2000))
    assert [(line.rule_id, line.amount_fen) for line in q.lines] == [("x", 300), ("y", 100)]


def test_percentage_rounds_down_to_the_fen():
    p = policy(group(), rule("r", "subsidy_percent = 15"))
    assert [quote(p, resident(), meal(fen)).subsidy_fen for fen in (1, 6, 7, 99, 1001)] == [
        0, 0, 1, 14, 150]


def test_empty_order_gets_nothing():
    p = policy(group(), rule("r", "subsidy_fen = 500"))
    q = quote(p, resident(), meal())
    assert (q.lines, q.total_fen, q.payable_fen) == ((), 0, 0)


@pytest.mark.parametrize("kwargs", [
    {"period": "supper", "channel": "dine_in"},
    {"period": "lunch", "channel": "drone"},
])
def test_meal_rejects_unknown_period_or_channel(kwargs):
    with pytest.raises(ValueError):
        Meal(lines=(), at=datetime(2025, 6, 2, 12), **kwargs)


@pytest.mark.parametrize("amount", [-1, 1.5, True])
def test_order_lines_are_non_negative_integer_fen(amount):
    with pytest.raises(ValueError):
        OrderLine(amount)


def test_resident_status_is_checked():
    with pytest.raises(ValueError):
        resident(status="dead")


def test_usage_defaults_to_nothing_received():
    assert UsageSoFar().group("x") == Usage(Tally(), Tally(), Tally())
