"""Registering residents, their categories and their status."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from pos.audit import SYSTEM, Actor
from pos.audit import record as audit
from pos.clock import utc_now
from pos.errors import Conflict, InvalidInput, NotFound
from pos.input_text import checked_text, column_length
from pos.residents.diet import ALLERGENS, DIETARY_NEEDS, checked_codes
from pos.residents.id_number import parse_id_number
from pos.residents.models import STATUSES, Resident, ResidentCategory, SubsidyCategory
from pos.residents.search_keys import last_four, name_initials
from pos.residents.views import iso_day
from pos.signins import held

AREA_FIELDS = ("province", "city", "district", "street", "community")

@dataclass(frozen=True)
class CategoryGrantIn:
    """A category to grant, as given by staff or an import."""

    code: str
    valid_from: date | None = None
    valid_to: date | None = None
    proof_note: str = ""


@dataclass(frozen=True)
class ResidentIn:
    """A resident's details as given by staff or an import (already typed)."""

    name: str
    id_number: str
    phone: str = ""
    address: str = ""
    area: dict[str, str] = field(default_factory=dict)
    categories: tuple[CategoryGrantIn, ...] = ()
    emergency_name: str = ""
    emergency_phone: str = ""
    diet: tuple[str, ...] = ()  # pos.residents.diet.DIETARY_NEEDS
    allergens: tuple[str, ...] = ()  # menu.Allergen values


def register_resident(session: Session, data: ResidentIn, actor: Actor = SYSTEM) -> Resident:
    """Add a new resident; the ID number must be valid and not yet registered."""
    ident = parse_id_number(data.id_number)
    if session.scalar(select(Resident.id).where(Resident.id_number == ident.number)) is not None:
        raise Conflict("a resident with this ID number is already registered", code="resident_exists")
    resident = Resident(id_number=ident.number, birth_date=ident.birth_date, sex=ident.sex, status="active",
                        name=data.name.strip())
    try:
        with session.begin_nested():  # the same ID number registered at the same moment at another desk
            session.add(resident)
            session.flush()
    except IntegrityError:
        raise Conflict("a resident with this ID number is already registered", code="resident_exists") from None
    _apply(session, resident, data, actor)
    audit(session, actor, "resident.registered", "resident", resident.id, after=details(resident))
    return resident


def update_resident(session: Session, resident: Resident, data: ResidentIn, actor: Actor = SYSTEM) -> Resident:
    """Replace a resident's details and categories with `data`; the changes go to the audit log."""
    before = details(resident)
    _apply(session, resident, data, actor)
    after = details(resident)
    if after != before:
        changed = [key for key in after if after[key] != before.get(key)]
        audit(session, actor, "resident.changed", "resident", resident.id,
              before={k: before.get(k) for k in changed}, after={k: after[k] for k in changed})
    return resident


def _apply(session: Session, resident: Resident, data: ResidentIn, actor: Actor) -> None:
    """Check `data` whole, then write it; category grants no longer given are revoked, never deleted."""
    if not data.name.strip():
        raise InvalidInput("is required", field="name")
    for name, value in (("name", data.name), ("phone", data.phone), ("address", data.address),
                        ("emergency_name", data.emergency_name), ("emergency_phone", data.emergency_phone),
                        *((key, data.area.get(key, "")) for key in AREA_FIELDS)):
        checked_text(value.strip(), column_length(getattr(Resident, name)), name)
    diet = checked_codes(data.diet, DIETARY_NEEDS, "diet")
    allergens = checked_codes(data.allergens, ALLERGENS, "allergens")
    wanted = _checked_grants(session, data.categories)
    resident.name = data.name.strip()
    resident.phone = data.phone.strip()
    resident.address = data.address.strip()
    for area_field in AREA_FIELDS:
        setattr(resident, area_field, data.area.get(area_field, "").strip())
    resident.emergency_name, resident.emergency_phone = data.emergency_name.strip(), data.emergency_phone.strip()
    if resident.diet != diet:  # a JSON column: a new list, so the change is seen
        resident.diet = diet
    if resident.allergens != allergens:
        resident.allergens = allergens
    resident.name_initials = name_initials(resident.name)
    resident.id_last4, resident.phone_last4 = last_four(resident.id_number), last_four(resident.phone)
    kept: dict[tuple, ResidentCategory] = {}
    for grant in resident.categories:
        key = (grant.category_code, grant.valid_from, grant.valid_to, grant.proof_note)
        if key in wanted and key not in kept:
            kept[key] = grant
        else:
            grant.revoked_at, grant.revoked_by = utc_now(), actor.staff_id
    session.flush()  # revoked before their replacements go in: one grant in force per category and start
    in_force = [kept.get(key) or ResidentCategory(resident_id=resident.id, category_code=key[0], valid_from=key[1],
                                                  valid_to=key[2], proof_note=key[3]) for key in wanted]
    session.add_all(in_force)
    session.flush()
    set_committed_value(resident, "categories", in_force)  # what is in force now, without reading it back
    session.expire(resident, ["category_history"])


def _checked_grants(session: Session, grants: tuple[CategoryGrantIn, ...]) -> list[tuple]:
    """The grants asked for as (code, from, to, proof note), each category known and its dates in order."""
    known = set(session.scalars(select(SubsidyCategory.code)))
    checked = []
    for grant in grants:
        if grant.code not in known:
            raise InvalidInput("unknown category %(category)s", field="categories", category=grant.code)
        if grant.valid_from and grant.valid_to and grant.valid_from > grant.valid_to:
            raise InvalidInput("valid_from is after valid_to for %(category)s", field="categories",
                               category=grant.code)
        checked_text(grant.proof_note, column_length(ResidentCategory.proof_note), "proof_note", multiline=True)
        checked.append((grant.code, grant.valid_from, grant.valid_to, grant.proof_note))
    return checked


def details(resident: Resident) -> dict:
    """What the audit log keeps of a resident: the details staff change and the categories in force."""
    return {"name": resident.name, "phone": resident.phone, "address": resident.address,
            **{key: getattr(resident, key) for key in AREA_FIELDS},
            "emergency_name": resident.emergency_name, "emergency_phone": resident.emergency_phone,
            "diet": list(resident.diet or []), "allergens": list(resident.allergens or []),
            "status": resident.status, "status_date": iso_day(resident.status_date),
            "categories": [[g.category_code, iso_day(g.valid_from), iso_day(g.valid_to)] for g in resident.categories]}


def set_status(session: Session, resident_id: int, status: str, on: date | None,
               actor: Actor = SYSTEM) -> Resident:
    """Mark a resident active, moved away or deceased (from a date: no subsidy after it)."""
    resident = get_resident(session, resident_id)
    if status not in STATUSES:
        raise InvalidInput("must be one of %(choices)s", field="status", choices=", ".join(STATUSES))
    if status != "active" and on is None:
        raise InvalidInput("the date is required for this status", field="status_date")
    before = {"status": resident.status, "status_date": iso_day(resident.status_date)}
    resident.status, resident.status_date = status, (None if status == "active" else on)
    if status != "active":
        held.end_resident(session, resident.id, utc_now(), status)
    session.flush()
    audit(session, actor, "resident.status", "resident", resident.id, before=before,
          after={"status": resident.status, "status_date": iso_day(resident.status_date)})
    return resident


def get_resident(session: Session, resident_id: int, lock: bool = False) -> Resident:
    """The resident with this id, or a 404 refusal."""
    query = select(Resident).where(Resident.id == resident_id)
    resident = session.scalar(query.with_for_update() if lock else query)
    if resident is None:
        raise NotFound("no resident %(id)s", code="resident_not_found", id=resident_id)
    return resident
