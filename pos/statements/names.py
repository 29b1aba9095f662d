"""Chinese names of funders and rules, read from the stored policy versions."""
from __future__ import annotations

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
