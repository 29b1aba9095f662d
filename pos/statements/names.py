"""Chinese names of funders and rules, read from the stored policy versions."""
from __future__ import annotations

from functools import lru_cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from pos.policies.models import StoredPolicy
from pos.policies.services import stored_versions


class PolicyNames:
    """Funder and rule names of every stored policy version; unknown ids show as themselves."""

    def __init__(self, session: Session) -> None:
        self.funders: dict[str, str] = {}
        self.rules: dict[tuple[str, str, str], str] = {}
        for policy_id in session.scalars(select(StoredPolicy.policy_id).distinct()):
            for version in stored_versions(session, policy_id):
                self.funders.update({f.id: f.name_zh for f in version.funders})
                self.rules.update({(version.policy_id, version.version, r.id): r.name_zh for r in version.rules})

    def funder(self, funder_id: str) -> str:
        """The funder's Chinese name."""
        return self.funders.get(funder_id, funder_id)

    def rule(self, policy_id: str, version: str, rule_id: str) -> str:
        """The rule's Chinese name in that policy version."""
        return self.rules.get((policy_id, version, rule_id), rule_id)

    def funder_ids(self) -> list[str]:
        """Every funder named in a stored policy."""
        return sorted(self.funders)


def mask_name(name: str) -> str:
    """张桂兰 -> 张*兰, 李明 -> 李*: enough for staff to recognise, not for strangers."""
    if len(name) <= 1:
        return name
    return name[0] + "*" * max(1, len(name) - 2) + (name[-1] if len(name) > 2 else "")


@lru_cache(maxsize=65_536)  # a month's claim names the same residents again and again
def masked_resident(name: str, id_number: str) -> str:
    """The resident as claims and receipts show them: masked name and the ID's last four characters."""
    return f"{mask_name(name)}({id_number[-4:]})"
