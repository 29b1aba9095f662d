"""Pick the policy version in force at a moment."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from zoneinfo import ZoneInfo

from .model import PolicyVersion


class NoPolicyInForce(LookupError):
    """No version of the policy covers the given moment."""


def local_time(policy: PolicyVersion, at: datetime) -> datetime:
    """`at` as naive policy-local time (a naive `at` is taken as already local)."""
    if at.tzinfo is None:
        return at
    return at.astimezone(ZoneInfo(policy.timezone)).replace(tzinfo=None)


def policy_in_force(versions: Iterable[PolicyVersion], at: datetime,
                    policy_id: str | None = None) -> PolicyVersion:
    """The version with the latest effective_from <= at, unless it has ended."""
    pool = [v for v in versions if policy_id is None or v.policy_id == policy_id]
    if len({v.policy_id for v in pool}) > 1:
        raise ValueError("versions of several policies given; pass policy_id")
    started = [v for v in pool if v.effective_from <= local_time(v, at)]
    if not started:
        raise NoPolicyInForce(f"no version of {policy_id or 'the policy'} starts by {at}")
    latest = max(started, key=lambda v: v.effective_from)
    if not latest.in_force_at(local_time(latest, at)):
        raise NoPolicyInForce(f"{latest.policy_id} {latest.version} ended at {latest.effective_to}")
    return latest
