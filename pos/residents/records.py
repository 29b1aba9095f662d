"""Registering residents, their categories and their status."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from pos.errors import Conflict, InvalidInput, NotFound
from pos.residents.id_number import parse_id_number
from pos.residents.models import STATUSES, Resident, ResidentCategory, SubsidyCategory

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


def register_resident(session: Session, data: ResidentIn) -> Resident:
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
    update_resident(session, resident, data)
    return resident


def update_resident(session: Session, resident: Resident, data: ResidentIn) -> Resident:
    """Replace a resident's details and categories with `data`."""
    if not data.name.strip():
        raise InvalidInput("is required", field="name")
    for name, value, limit in (("name", data.name, 60), ("phone", data.phone, 20), ("address", data.address, 200),
                                *((key, data.area.get(key, ""), 40) for key in AREA_FIELDS)):
        if len(value.strip()) > limit:
            raise InvalidInput("must be text of at most %(n)s characters", field=name, n=limit)
    resident.name = data.name.strip()
    resident.phone = data.phone.strip()
    resident.address = data.address.strip()
    for key in AREA_FIELDS:
        setattr(resident, key, data.area.get(key, "").strip())
    known = set(session.scalars(select(SubsidyCategory.code)))
    grants = []
    for grant in data.categories:
        if grant.code not in known:
            raise InvalidInput("unknown category %(category)s", field="categories", category=grant.code)
        if grant.valid_from and grant.valid_to and grant.valid_from > grant.valid_to:
            raise InvalidInput("valid_from is after valid_to for %(category)s", field="categories",
                               category=grant.code)
        grants.append(ResidentCategory(category_code=grant.code, valid_from=grant.valid_from,
                                       valid_to=grant.valid_to, proof_note=grant.proof_note))
    # Delete the old grants before inserting the new: the unit of work would insert first and
    # trip the (resident, category, valid_from) unique key when a grant is saved unchanged.
    resident.categories = []
    session.flush()
    resident.categories = grants
    session.flush()
    return resident


def set_status(session: Session, resident_id: int, status: str, on: date | None) -> Resident:
    """Mark a resident active, moved away or deceased (from a date: no subsidy after it)."""
    resident = get_resident(session, resident_id)
    if status not in STATUSES:
        raise InvalidInput("must be one of %(choices)s", field="status", choices=", ".join(STATUSES))
    if status != "active" and on is None:
        raise InvalidInput("the date is required for this status", field="status_date")
    resident.status, resident.status_date = status, (None if status == "active" else on)
    session.flush()
    return resident


def get_resident(session: Session, resident_id: int, lock: bool = False) -> Resident:
    """The resident with this id, or a 404 refusal."""
    query = select(Resident).where(Resident.id == resident_id)
    resident = session.scalar(query.with_for_update() if lock else query)
    if resident is None:
        raise NotFound("no resident %(id)s", code="resident_not_found", id=resident_id)
    return resident
