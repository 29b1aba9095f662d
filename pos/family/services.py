"""Staff set family members up from the resident's page: add (or link one already known by phone), a new PIN,
unlink. Each change is audited; the PIN itself never is."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from pos.audit import Actor
from pos.audit import record as audit
from pos.credentials.pins import PIN_PATTERN
from pos.db import Database
from pos.errors import N_, Conflict, InvalidInput, NotFound
from pos.family.models import FamilyLink, FamilyMember
from pos.family.phones import checked_phone
from pos.input_text import checked_text, column_length
from pos.residents.masks import mask_number
from pos.residents.records import get_resident
from pos.signins import guessing, held
from pos.signins.secrets import hash_secret

SUBJECT = "family_member"
ALREADY = N_("%(name)s is already linked to %(resident)s")
NO_MEMBER = N_("no family member %(id)s")
NOT_LINKED = N_("%(name)s is not linked to %(resident)s")


@dataclass(frozen=True)
class FamilyIn:
    """A family member as staff type them: name, mobile number, relationship to the resident, and a PIN."""

    name: str
    phone: str
    relationship: str
    pin: str = ""  # required for someone new; for someone known by the phone, a new PIN if given


def add_family_member(db: Database, resident_id: int, given: FamilyIn, actor: Actor, now: datetime) -> dict:
    """Link a family member to a resident, adding them first if their phone number is new."""
    phone = checked_phone(given.phone)
    relationship = _text(given.relationship, FamilyLink.relationship, "relationship")
    with db.unit_of_work() as session:
        resident = get_resident(session, resident_id)
        member = session.scalar(select(FamilyMember).where(FamilyMember.phone == phone).with_for_update())
        if member is None:
            member = FamilyMember(name=_text(given.name, FamilyMember.name, "name"), phone=phone,
                                  pin_hash=hash_secret(_pin(given.pin)), active=True, created_at=now)
            session.add(member)
            session.flush()
            audit(session, actor, "family.added", SUBJECT, member.id, after={
                "name": member.name, "phone": mask_number(phone)}, at=now)
            audit(session, actor, "family.pin_set", SUBJECT, member.id, at=now)
        elif session.scalar(select(FamilyLink.id).where(FamilyLink.family_member_id == member.id,
                                                        FamilyLink.resident_id == resident_id)) is not None:
            raise Conflict(ALREADY, code="already_linked", name=member.name, resident=resident.name)
        elif given.pin:
            _set_pin(session, member, given.pin, actor, now)
        session.add(FamilyLink(family_member_id=member.id, resident_id=resident_id, relationship=relationship,
                               linked_at=now))
        audit(session, actor, "family.linked", SUBJECT, member.id, after={
            "resident_id": resident_id, "relationship": relationship}, at=now)
        return {"id": member.id, "name": member.name, "phone": phone, "resident_id": resident_id,
                "relationship": relationship}


def set_family_pin(db: Database, family_member_id: int, pin: str, actor: Actor, now: datetime) -> dict:
    """A new PIN (forgotten, or told to someone else): their phones are signed out, failed tries forgotten."""
    with db.unit_of_work() as session:
        member = session.get(FamilyMember, family_member_id, with_for_update=True)
        if member is None:
            raise NotFound(NO_MEMBER, code="no_family_member", id=family_member_id)
        _set_pin(session, member, pin, actor, now)
        return {"id": member.id, "pin_set": True}


def unlink_family_member(db: Database, family_member_id: int, resident_id: int, actor: Actor, now: datetime
                         ) -> dict:
    """The family member no longer sees nor books for the resident (from their next page on)."""
    with db.unit_of_work() as session:
        member, resident = session.get(FamilyMember, family_member_id), get_resident(session, resident_id)
        if member is None:
            raise NotFound(NO_MEMBER, code="no_family_member", id=family_member_id)
        link = session.scalar(select(FamilyLink).where(FamilyLink.family_member_id == member.id,
                                                       FamilyLink.resident_id == resident_id))
        if link is None:
            raise Conflict(NOT_LINKED, code="not_linked", name=member.name, resident=resident.name)
        before = {"resident_id": resident_id, "relationship": link.relationship}
        session.execute(delete(FamilyLink).where(FamilyLink.id == link.id))
        audit(session, actor, "family.unlinked", SUBJECT, member.id, before=before, at=now)
        return {"id": member.id, "resident_id": resident_id, "linked": False}


def _set_pin(session: Session, member: FamilyMember, pin: str, actor: Actor, now: datetime) -> None:
    member.pin_hash = hash_secret(_pin(pin))
    held.end_family_member(session, member.id, now, "pin_changed")
    guessing.forget_account(session, guessing.FAMILY, member.phone)
    audit(session, actor, "family.pin_set", SUBJECT, member.id, at=now)  # never the PIN, nor its hash


def _pin(pin: str) -> str:
    if not PIN_PATTERN.fullmatch(pin or ""):
        raise InvalidInput("must be 4 to 6 digits", field="pin")
    return pin


def _text(value: str, column: object, field: str) -> str:
    text = checked_text((value or "").strip(), column_length(column), field)
    if not text:
        raise InvalidInput("is required", field=field)
    return text
