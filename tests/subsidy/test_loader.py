"""Policy files: valid examples load, mistakes are named by key and reason."""
from datetime import datetime

import pytest

from subsidy import PolicyError, load_policy, parse_policy

from .factories import EXAMPLES
from .texts import policy_text

BENEFITS = "subsidy_fen, subsidy_percent, resident_pays_fen"
RULE = '''
[groups.meal]
name_zh = "助餐"
name_en = "Meals"

[[rules]]
id = "first"
group = "meal"
name_zh = "一"
name_en = "one"
subsidy_fen = 100

[[rules]]
id = "second"
group = "meal"
name_zh = "二"
name_en = "two"
{line}
'''


def problems(text: str) -> tuple[str, ...]:
    """The problems reported for a policy text."""
    with pytest.raises(PolicyError) as caught:
        parse_policy(text, source="test.toml")
    return caught.value.problems


def second_rule(line: str) -> tuple[str, ...]:
    """Problems when the second rule carries `line` (plus a fixed subsidy unless it sets one)."""
    benefit = "" if "subsidy" in line or "pays" in line else "subsidy_fen = 100\n"
    return problems(policy_text(body=RULE.format(line=benefit + line)))


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.toml")), ids=lambda p: p.stem)
def test_every_example_loads(path):
    policy = load_policy(path)
    assert policy.rules and policy.name_zh and policy.name_en


def test_the_file_is_read_as_written():
    policy = parse_policy(policy_text(extra_head='effective_to = 2026-01-01T00:00:00+08:00'))
    assert (policy.policy_id, policy.version, policy.timezone) == ("test", "v1", "Asia/Shanghai")
    assert policy.effective_from == datetime(2025, 1, 1)
    assert policy.effective_to == datetime(2026, 1, 1)
    (rule,) = policy.rules
    assert (rule.benefit.kind, rule.benefit.value, rule.shares[0].funder) == (
        "subsidy_fen", 500, "city")


@pytest.mark.parametrize("line, expected", [
    ("age_min = 200", "rules[2].age_min: must be an integer 0–150"),
    ("age_min = 60.5", "rules[2].age_min: must be an integer 0–150"),
    ("age_min = 80\nage_max = 60",
     "rules[2].age_max: must be greater than age_min (age_max is not included)"),
    ("age_mix = 60", "rules[2].age_mix: unknown key"),
    ("subsidy_fen = 5.0", "rules[2].subsidy_fen: must be an integer 0–10000000 fen"),
    ("subsidy_fen = -1", "rules[2].subsidy_fen: must be an integer 0–10000000 fen"),
    ("subsidy_percent = 150", "rules[2].subsidy_percent: must be an integer 0–100 (percent)"),
    ("subsidy_fen = 1\nresident_pays_fen = 1",
     f"rules[2]: must have exactly one of {BENEFITS} (found 2)"),
    ('meal_periods = ["supper"]',
     "rules[2].meal_periods: 'supper' is not one of ['breakfast', 'lunch', 'dinner']"),
    ('channels = "delivery"', "rules[2].channels: must be a non-empty list of texts from "
     "['dine_in', 'pick_up', 'delivery']"),
    ('categories = ["dibao"]', "rules[2].categories: no [categories] are declared in this file"),
    ('applies_to = "drinks"', 'rules[2].applies_to: must be "meal" or "delivery_fee"'),
    ('shares = { city = "rest", town = 100 }',
     "rules[2].shares.town: is not declared as [funders.town]"),
    ('shares = { city = 100 }', 'rules[2].shares: exactly one funder must take "rest"'),
    ('shares = { city = "half" }',
     'rules[2].shares.city: must be an integer 0–10000000 fen or "rest"'),
    ("per_day_count = -1", "rules[2].per_day_count: must be an integer 0–1000"),
])
def test_mistakes_in_a_rule_name_the_key(line, expected):
    assert expected in second_rule(line)


def test_ids_are_plain_lowercase():
    text = policy_text(body=RULE.format(line="").replace('"second"', '"Second Rule"'))
    assert "rules[2].id: must use only a-z, 0-9, '_' and '-', at most 32 characters" in problems(text)


def test_ids_fit_the_records_that_keep_them():
    text = policy_text(body=RULE.format(line="").replace('"second"', '"' + "s" * 33 + '"'))
    assert "rules[2].id: must use only a-z, 0-9, '_' and '-', at most 32 characters" in problems(text)
    parse_policy(policy_text(body=RULE.format(line="subsidy_fen = 100").replace('"second"', '"' + "s" * 32 + '"')),
                 source="ok.toml")


def test_undeclared_group_and_duplicate_id():
    text = policy_text(body=RULE.format(line="subsidy_fen = 1")
                       .replace('"second"', '"first"').replace('group = "meal"\nname_zh = "二"',
                                                               'group = "lunch"\nname_zh = "二"'))
    found = problems(text)
    assert "rules[2].group: 'lunch' is not declared as [groups.lunch]" in found
    assert "rules[2].id: 'first' is used by an earlier rule" in found


def test_every_problem_is_reported_at_once_with_the_file_name():
    with pytest.raises(PolicyError) as caught:
        parse_policy(policy_text(body=RULE.format(line="age_min = 200\nage_mix = 1")),
                     source="putuo.toml")
    assert set(caught.value.problems) == {
        "rules[2].age_mix: unknown key", "rules[2].age_min: must be an integer 0–150",
        f"rules[2]: must have exactly one of {BENEFITS} (found 0)"}
    assert str(caught.value).startswith("putuo.toml: invalid policy")
    assert isinstance(caught.value, ValueError)


def test_shares_are_required_with_several_funders():
    text = policy_text() + '[funders.town]\nname_zh = "镇"\nname_en = "Town"\n'
    assert ("rules[1].shares: missing: required when the file declares more than one funder"
            in problems(text))


@pytest.mark.parametrize("text, expected", [
    ("x = [", "not valid TOML"),
    ("", "policy: missing table"),
    (policy_text().replace("effective_from = 2025-01-01", 'effective_from = "soon"'),
     "policy.effective_from: must be a date like 2025-01-01 or 2025-01-01T00:00:00"),
    (policy_text(extra_head="effective_to = 2024-01-01"),
     "policy.effective_to: must be later than effective_from"),
    (policy_text().replace('name_zh = "测试补贴"\n', ""), "policy.name_zh: missing"),
    (policy_text().replace("[funders.city]", "[funders.city]\npays_within = 'town'"),
     "funders.city.pays_within: must be one of "
     "['anywhere', 'province', 'city', 'district', 'street', 'community']"),
    (policy_text() + "[extras]\n", "file.extras: unknown key"),
])
def test_mistakes_in_the_file_name_the_key(text, expected):
    assert any(expected in found for found in problems(text))


def test_unknown_time_zone():
    text = policy_text(extra_head='timezone = "Mars/Olympus"')
    assert any(p.startswith("policy.timezone: unknown time zone") for p in problems(text))


def test_the_example_in_the_format_doc_is_valid():
    doc = (EXAMPLES.parents[1] / "docs" / "policy-format.md").read_text(encoding="utf-8")
    block = doc.split("```toml\n", 1)[1].split("```", 1)[0]
    assert parse_policy(block).rules[0].shares[1].fen is None
