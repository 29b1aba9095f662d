"""Who a family member may act for: the residents staff linked them to, while their account is active."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from pos.errors import N_, Forbidden
from pos.family.models import FamilyLink, FamilyMember
from pos.residents.models import Resident

NOT_LINKED = N_("you can only see and book meals for the residents linked to you; ask the canteen to link another")


def linked_residents(session: Session, family_member_id: int) -> list[tuple[FamilyLink, Resident]]:
    """The residents a family member is linked to, with the relationship, by name."""
    rows = session.execute(select(FamilyLink, Resident).join(Resident, Resident.id == FamilyLink.resident_id)
                           .where(FamilyLink.family_member_id == family_member_id)
                           .order_by(Resident.name_initials, Resident.name, Resident.id))
    return [(link, resident) for link, resident in rows]


def family_of(session: Session, resident_id: int) -> list[tuple[FamilyMember, FamilyLink]]:
    """The family members linked to a resident, in the order they were linked."""
    rows = session.execute(select(FamilyMember, FamilyLink).join(FamilyLink, FamilyLink.family_member_id
                                                                 == FamilyMember.id)
                           .where(FamilyLink.resident_id == resident_id).order_by(FamilyLink.id))
    return [(member, link) for member, link in rows]


def check_linked(session: Session, family_member_id: int, resident_id: int) -> None:
    """A refusal (403) unless the family member is active and linked to the resident."""
    linked = session.scalar(select(FamilyLink.id).join(FamilyMember, FamilyMember.id == FamilyLink.family_member_id)
                            .where(FamilyLink.family_member_id == family_member_id,
                                   FamilyLink.resident_id == resident_id, FamilyMember.active))
    if linked is None:
        raise Forbidden(NOT_LINKED, code="not_linked")
