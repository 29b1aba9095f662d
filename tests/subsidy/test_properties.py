"""Invariants over random residents, meals, usage and policies."""
from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from subsidy import (
    Area,
    CanteenFacts,
    CategoryGrant,
    Meal,
    OrderLine,
    PolicyVersion,
    ResidentFacts,
    Tally,
    Usage,
    UsageSoFar,
    load_policy,
    parse_policy,
    quote_subsidy,
)

from .factories import EXAMPLES, LICHENG
from .texts import policy_text

EXAMPLE_POLICIES = [load_policy(p) for p in sorted(EXAMPLES.glob("*.toml"))]
AREAS = [LICHENG, Area("广东省", "广州市", "增城区", "新塘镇"),
         Area("广东省", "广州市", "黄埔区", "大沙街道"),
         Area("上海市", "上海市", "普陀区", "长征镇"), Area()]
CATEGORIES = ["dibao", "tekun", "special", "registered", "basic_service", "fuzhu", "disabled"]
CAP_KEYS = ["per_day_count", "per_period_count", "per_month_count",
            "per_day_fen", "per_period_fen", "per_month_fen"]
STATUSES = st.sampled_from(["active", "active", "active", "moved_away", "deceased"])
MAYBE_DATE = st.one_of(st.none(), st.none(), st.dates(date(2020, 1, 1), date(2030, 1, 1)))
CAP_COUNT, CAP_FEN = st.integers(1, 3), st.integers(100, 3000)
TALLY = st.builds(Tally, st.integers(0, 2), st.integers(0, 3000))
USAGE = st.builds(Usage, TALLY, TALLY, TALLY)


@st.composite
def caps(draw: st.DrawFn) -> str:
    """Zero to two random cap lines."""
    keys = draw(st.lists(st.sampled_from(CAP_KEYS), max_size=2, unique=True))
    values = [draw(CAP_COUNT if k.endswith("count") else CAP_FEN) for k in keys]
    return "".join(f"{k} = {v}\n" for k, v in zip(keys, values, strict=True))


@st.composite
def rule_body(draw: st.DrawFn) -> str:
    """Random conditions, one benefit, and district/town shares."""
    kind = draw(st.sampled_from(["subsidy_fen", "subsidy_percent", "resident_pays_fen"]))
    value = draw(st.integers(0, 100 if kind == "subsidy_percent" else 3000))
    district = draw(st.integers(0, 1000))
    lines = [f"{kind} = {value}", f'shares = {{ district = {district}, town = "rest" }}']
    optional = [f"age_min = {draw(st.integers(55, 90))}",
                f"min_spend_fen = {draw(st.integers(0, 2000))}",
                f"subsidy_max_fen = {draw(st.integers(0, 2000))}",
                'applies_to = "delivery_fee"',
                f'categories = ["{draw(st.sampled_from(CATEGORIES))}"]']
    lines += [line for line in optional if draw(st.booleans())]
    return "\n".join(lines) + "\n" + draw(caps())


@st.composite
def random_policy(draw: st.DrawFn) -> PolicyVersion:
    """A valid policy with random groups, rules, benefits, caps and funder shares."""
    text = '\n[categories]\n' + "".join(
        f'{c} = {{ name_zh = "{c}", name_en = "{c}" }}\n' for c in CATEGORIES)
    for funder, levels in (("district", ["anywhere", "district"]),
                           ("town", ["anywhere", "street"])):
        text += (f'\n[funders.{funder}]\nname_zh = "{funder}"\nname_en = "{funder}"\n'
                 f'pays_within = "{draw(st.sampled_from(levels))}"\n{draw(caps())}')
    groups = [f"g{n}" for n in range(draw(st.integers(1, 3)))]
    for g in groups:
        text += f'\n[groups.{g}]\nname_zh = "{g}"\nname_en = "{g}"\n{draw(caps())}'
    for n in range(draw(st.integers(1, 6))):
        text += (f'\n[[rules]]\nid = "r{n}"\ngroup = "{draw(st.sampled_from(groups))}"\n'
                 f'name_zh = "r"\nname_en = "r"\n{draw(rule_body())}')
    full = policy_text(start="2024-01-01", body=text)
    return parse_policy(full.replace('[funders.city]\nname_zh = "市"\nname_en = "City"\n', ""))


@st.composite
def resident(draw: st.DrawFn) -> ResidentFacts:
    """A resident born 1915–1975 with random categories, home and status."""
    grants = tuple(CategoryGrant(c, draw(MAYBE_DATE), draw(MAYBE_DATE))
                   for c in draw(st.lists(st.sampled_from(CATEGORIES), max_size=3)))
    return ResidentFacts(draw(st.dates(date(1915, 1, 1), date(1975, 12, 31))),
                         draw(st.sampled_from(AREAS)), grants,
                         draw(STATUSES), draw(MAYBE_DATE))


Sale = tuple[PolicyVersion, ResidentFacts, CanteenFacts, Meal, UsageSoFar]


@st.composite
def sale(draw: st.DrawFn) -> Sale:
    """A policy and a random sale under it, with random usage so far."""
    policy = draw(st.one_of(st.sampled_from(EXAMPLE_POLICIES), random_policy()))
    at = policy.effective_from + timedelta(minutes=draw(st.integers(0, 3 * 365 * 24 * 60)))
    who = draw(resident())
    lines = tuple(OrderLine(draw(st.integers(0, 5000)), draw(st.booleans()))
                  for _ in range(draw(st.integers(0, 4) | st.integers(1, 2))))
    meal = Meal(draw(st.sampled_from(["breakfast", "lunch", "dinner"])),
                draw(st.sampled_from(["dine_in", "pick_up", "delivery"])), lines, at)
    ids = ([r.id for r in policy.rules], [g.id for g in policy.groups],
           [f.id for f in policy.funders])
    usage = UsageSoFar(*(draw(st.dictionaries(st.sampled_from(k), USAGE, max_size=2))
                         for k in ids))
    canteen = CanteenFacts(draw(st.sampled_from(AREAS) | st.just(who.home)))
    return policy, who, canteen, meal, usage


@settings(max_examples=300, deadline=None)
@given(sale())
def test_money_adds_up_and_never_goes_negative(args):
    q = quote_subsidy(*args)
    meal = args[3]
    assert q.total_fen == sum(line.amount_fen for line in meal.lines)
    assert 0 <= q.subsidy_fen <= q.total_fen
    assert q.payable_fen == q.total_fen - q.subsidy_fen
    assert q.subsidy_fen == sum(line.amount_fen for line in q.lines)
    assert all(type(line.amount_fen) is int and line.amount_fen > 0 for line in q.lines)
    for kind, flag in (("meal", False), ("delivery_fee", True)):
        gross = sum(line.amount_fen for line in meal.lines if line.is_delivery_fee is flag)
        assert sum(line.amount_fen for line in q.lines if line.applies_to == kind) <= gross


@settings(max_examples=100, deadline=None)
@given(sale())
def test_same_input_same_quote(args):
    assert quote_subsidy(*args) == quote_subsidy(*args)


@settings(max_examples=100, deadline=None)
@given(sale())
def test_one_rule_per_group_and_caps_hold(args):
    policy, _, _, _, usage = args
    q = quote_subsidy(*args)
    for group in policy.groups:
        mine = [line for line in q.lines if line.group == group.id]
        assert len({line.rule_id for line in mine}) <= 1
        used, caps = usage.group(group.id), group.caps
        if mine and caps.per_day_count is not None:
            assert used.day.count < caps.per_day_count
        if caps.per_day_fen is not None:
            room = max(0, caps.per_day_fen - used.day.amount_fen)
            assert sum(line.amount_fen for line in mine) <= room


@settings(max_examples=100, deadline=None)
@given(sale())
def test_nothing_after_the_status_date(args):
    _, who, _, meal, _ = args
    ended = who.status != "active" and (
        who.status_date is None or meal.at.date() > who.status_date)
    if ended:
        assert quote_subsidy(*args).lines == ()
