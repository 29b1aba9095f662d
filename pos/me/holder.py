"""Who is signed in on /me and for whom they may act: a resident for themself, a family member for the residents
linked to them. Every page and every change about a resident checks it first."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from pos.audit import Actor
from pos.errors import N_, Forbidden
from pos.family.links import check_linked

NOT_YOURS = N_("you can only see and book your own meals")


@dataclass(frozen=True)
class Holder:
    """The holder of a /me sign-in: a resident, or a family member (exactly one is set)."""

    resident_id: int | None = None
    family_member_id: int | None = None

    @property
    def actor(self) -> Actor:
        """Who the audit log and the order name."""
        return Actor(resident_id=self.resident_id, family_member_id=self.family_member_id)

    @property
    def scope(self) -> str:
        """The idempotency scope of their posts: one holder's keys never meet another's."""
        if self.family_member_id is not None:
            return f"family:{self.family_member_id}"
        return f"resident:{self.resident_id}"


def check_acts_for(session: Session, holder: Holder, resident_id: int) -> None:
    """A refusal (403) unless the holder is this resident, or a family member linked to them."""
    if holder.family_member_id is not None:
        check_linked(session, holder.family_member_id, resident_id)
    elif holder.resident_id != resident_id:
        raise Forbidden(NOT_YOURS, code="not_yours")
