"""Choosing the policy version in force, and loading several versions."""
from datetime import datetime, timezone

import pytest

from subsidy import NoPolicyInForce, PolicyError, load_policies, parse_policy, policy_in_force

from .factories import EXAMPLES, meal, quote, resident
from .texts import policy_text

OLD = parse_policy(policy_text("2022", "2022-01-01", subsidy=500))
NEW = parse_policy(policy_text("2025", "2025-01-01T00:00:00", subsidy=600))


@pytest.mark.parametrize("at, version, subsidy", [
    (datetime(2024, 12, 31, 23, 59, 59), "2022", 500),
    (datetime(2025, 1, 1, 0, 0, 0), "2025", 600),
    (datetime(2022, 1, 1), "2022", 500),
])
def test_change_at_midnight(at, version, subsidy):
    policy = policy_in_force([NEW, OLD], at)
    assert policy.version == version
    assert quote(policy, resident(70), meal(1500, at=at)).subsidy_fen == subsidy


@pytest.mark.parametrize("at, version", [
    (datetime(2024, 12, 31, 15, 59, 59, tzinfo=timezone.utc), "2022"),
    (datetime(2024, 12, 31, 16, 0, 0, tzinfo=timezone.utc), "2025"),  # midnight in Shanghai
])
def test_aware_times_are_read_in_the_policy_time_zone(at, version):
    assert policy_in_force([OLD, NEW], at).version == version


def test_nothing_before_the_first_version():
    with pytest.raises(NoPolicyInForce):
        policy_in_force([OLD, NEW], datetime(2021, 12, 31, 23, 59, 59))


def test_a_version_with_an_end_date_ends():
    ended = parse_policy(policy_text(extra_head="effective_to = 2025-07-01"))
    assert policy_in_force([ended], datetime(2025, 6, 30, 23, 59, 59)) is ended
    with pytest.raises(NoPolicyInForce):
        policy_in_force([ended], datetime(2025, 7, 1))


def test_quoting_with_a_version_not_in_force_is_refused():
    with pytest.raises(NoPolicyInForce):
        quote(NEW, resident(70), meal(1500, at=datetime(2024, 12, 31, 23, 59, 59)))


def test_versions_of_several_policies_need_a_policy_id():
    other = parse_policy(policy_text(pid="other"))
    with pytest.raises(ValueError):
        policy_in_force([OLD, other], datetime(2025, 6, 1))
    assert policy_in_force([OLD, other], datetime(2025, 6, 1), policy_id="other") is not None


def test_load_policies_reads_a_directory():
    ids = {v.policy_id for v in load_policies(EXAMPLES)}
    assert ids == {"beijing", "shanghai-putuo", "guangzhou-zengcheng", "jurong", "nanjing-jianye"}


def test_load_policies_refuses_two_versions_starting_together(tmp_path):
    (tmp_path / "a.toml").write_text(policy_text("a", "2025-01-01"), encoding="utf-8")
    (tmp_path / "b.toml").write_text(policy_text("b", "2025-01-01T00:00:00"), encoding="utf-8")
    with pytest.raises(PolicyError, match="used by two versions"):
        load_policies(tmp_path)
