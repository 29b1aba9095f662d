"""Operating subsidies paid to the canteen per diner-day or per meal: the [[operating]] tables and their caps."""
from __future__ import annotations

from pathlib import Path

import pytest

from subsidy import OperatingRule, PolicyError, age_bands, operating_payment, parse_policy

from .factories import example
from .texts import policy_text

CATEGORIES = '''
[categories]
dibao = { name_zh = "低保", name_en = "dibao" }
disabled = { name_zh = "残疾", name_en = "disabled" }

[funders.district]
name_zh = "区"
name_en = "District"
'''


def operating(*tables: str, head: str = CATEGORIES) -> str:
    """A valid policy (one meal rule, funders city and district) with these [[operating]] tables."""
    text = policy_text().replace('[groups.meal]', head + '\n[groups.meal]')
    return text.replace('subsidy_fen = 500', 'subsidy_fen = 500\nshares = { city = "rest" }') + "".join(
        f"\n[[operating]]\n{t}\n" for t in tables)


def table(rid: str = "ops", **keys: object) -> str:
    """One [[operating]] table: per diner-day, 3 yuan from the city, unless keys say otherwise."""
    given = {"id": rid, "name_zh": "运营补贴", "name_en": "Operating subsidy", "funder": "city", "per": "diner_day",
             "amount_fen": 300} | keys
    return "\n".join(f"{k} = {_toml(v)}" for k, v in given.items() if v is not None)


def _toml(value: object) -> str:
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return str(value)


def problems(text: str) -> tuple[str, ...]:
    with pytest.raises(PolicyError) as caught:
        parse_policy(text, source="test.toml")
    return caught.value.problems


def test_beijing_pays_the_canteen_three_yuan_per_diner_per_day():
    (rule,) = example("beijing-2022").operating
    assert (rule.id, rule.funder, rule.per, rule.amount_fen, rule.age_min, rule.per_month_fen) == (
        "operating", "government", "diner_day", 300, 60, None)
    assert age_bands(rule) == {"60_69", "70_79", "80_89", "90_plus"}


def test_an_operating_table_is_read_as_written():
    policy = parse_policy(operating(table(per="meal", amount_fen=150, age_min=70, age_max=90, categories=["dibao"],
                                          meal_periods=["lunch"], channels=["delivery"], per_month_count=2000,
                                          per_month_fen=250_000)))
    assert policy.operating == (OperatingRule(
        "ops", "运营补贴", "Operating subsidy", "city", "meal", 150, 70, 90, frozenset({"dibao"}),
        frozenset({"lunch"}), frozenset({"delivery"}), 2000, 250_000),)
    assert age_bands(policy.operating[0]) == {"70_79", "80_89"}
    assert parse_policy(policy_text()).operating == ()


@pytest.mark.parametrize("keys, problem", [
    ({"per": "day"}, 'operating[1].per: must be "diner_day" (each resident served on a day) or "meal" (each meal)'),
    ({"per": None}, 'operating[1].per: must be "diner_day" (each resident served on a day) or "meal" (each meal)'),
    ({"amount_fen": None}, "operating[1].amount_fen: missing (fen paid per diner-day or per meal, e.g. 300)"),
    ({"amount_fen": 3.5}, "operating[1].amount_fen: must be an integer 0–10000000 fen"),
    ({"funder": "town"}, "operating[1].funder: 'town' is not declared as [funders.town]"),
    ({"funder": None}, "operating[1].funder: missing"),
    ({"name_en": None}, "operating[1].name_en: missing"),
    ({"id": "Ops!"}, "operating[1].id: must use only a-z, 0-9, '_' and '-', at most 32 characters"),
    ({"age_min": 65}, "operating[1].age_min: must be one of [60, 70, 80, 90]: operating subsidies are counted from "
                      "service records, which keep the age band (60–69, 70–79, ...), not the age"),
    ({"age_min": 80, "age_max": 70}, "operating[1].age_max: must be greater than age_min (age_max is not included)"),
    ({"categories": ["tekun"]}, "operating[1].categories: 'tekun' is not one of ['dibao', 'disabled']"),
    ({"channels": ["drone"]}, "operating[1].channels: 'drone' is not one of ['dine_in', 'pick_up', 'delivery']"),
    ({"per_month_count": -1}, "operating[1].per_month_count: must be an integer 0–10000000"),
    ({"per_day_count": 1}, "operating[1].per_day_count: unknown key"),
])
def test_each_mistake_names_its_key_and_reason(keys, problem):
    assert problems(operating(table(**keys))) == (problem,)


def test_operating_must_be_tables():
    assert problems('operating = 3\n' + operating()) == ("operating: must be written as [[operating]] tables",)


def test_two_rules_paying_the_same_diners_for_one_funder_are_refused_naming_both():
    found = problems(operating(table("ops"), table("ops-dibao", categories=["dibao"], amount_fen=500)))
    assert found == ("operating[2]: 'ops-dibao' and 'ops' (operating[1]) would both pay 'city' for the same diners: "
                     "their ages, meal periods and channels overlap (categories never keep two rules apart: a "
                     "resident may hold several); make them exclusive or give them different funders",)


@pytest.mark.parametrize("first, second", [
    ({"categories": ["dibao"]}, {"categories": ["disabled"]}),  # one resident may hold both
    ({"per": "meal"}, {}),  # a meal and its diner-day, paid twice
    ({"age_min": 70}, {"age_max": 80}),
    ({"channels": ["delivery", "pick_up"]}, {"channels": ["pick_up"]}),
])
def test_overlaps_that_are_refused(first, second):
    (problem,) = problems(operating(table("one", **first), table("two", **second)))
    assert problem.startswith("operating[2]: 'two' and 'one' (operating[1]) would both pay 'city'")


@pytest.mark.parametrize("first, second", [
    ({"age_max": 80}, {"age_min": 80}),
    ({"meal_periods": ["lunch"]}, {"meal_periods": ["dinner", "breakfast"]}),
    ({"channels": ["delivery"]}, {"channels": ["dine_in", "pick_up"]}),
    ({}, {"funder": "district"}),
])
def test_exclusive_rules_or_different_funders_may_stand_together(first, second):
    policy = parse_policy(operating(table("one", **first), table("two", **second)))
    assert [r.id for r in policy.operating] == ["one", "two"]


def test_an_operating_id_is_used_once():
    assert problems(operating(table("ops", age_max=80), table("ops", age_min=80))) == (
        "operating[2].id: 'ops' is used by operating[1]",)


def rule(**caps: int | None) -> OperatingRule:
    return OperatingRule("ops", "运营补贴", "Operating", "city", "diner_day", 300, **caps)


@pytest.mark.parametrize("caps, counted, paid, gross, amount", [
    ({}, 1234, 1234, 370_200, 370_200),
    ({}, 0, 0, 0, 0),
    ({"per_month_count": 1000}, 1234, 1000, 300_000, 300_000),
    ({"per_month_count": 1000}, 999, 999, 299_700, 299_700),
    ({"per_month_fen": 250_000}, 1234, 1234, 370_200, 250_000),
    ({"per_month_count": 1000, "per_month_fen": 250_000}, 1234, 1000, 300_000, 250_000),
    ({"per_month_count": 0}, 5, 0, 0, 0),
])
def test_a_months_count_times_the_rate_within_the_caps(caps, counted, paid, gross, amount):
    payment = operating_payment(rule(**caps), counted)
    assert (payment.counted, payment.paid_count, payment.gross_fen, payment.amount_fen) == (
        counted, paid, gross, amount)
    assert payment.count_capped == (paid < counted) and payment.amount_capped == (amount < gross)


def test_a_negative_count_is_a_mistake():
    with pytest.raises(ValueError):
        operating_payment(rule(), -1)


def test_the_documented_example_reads():
    doc = (Path(__file__).resolve().parents[2] / "docs" / "policy-format.md").read_text(encoding="utf-8")
    block = doc.split("## 9a.", 1)[1].split("```toml\n", 1)[1].split("```", 1)[0]
    (rule,) = parse_policy(operating(block.replace('"government"', '"city"').replace("[[operating]]\n", ""))).operating
    assert (rule.per, rule.amount_fen, rule.per_month_count, rule.per_month_fen) == ("diner_day", 300, 3000, 900_000)
