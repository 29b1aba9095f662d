"""Changing a resident from the back office, as the viewer may see them.

An admin edits every detail as stored (and that view of the numbers is audited, as any view in full).
Anyone else sees the phone numbers, address and home area masked, so the form leaves those fields
blank with the masked value beside them: left blank, what is stored stays; typed, it is replaced.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from pos.audit import Actor, record
from pos.db import Database
from pos.enrolment.profile import VIEWED_IN_FULL
from pos.residents.imports import stored_details
from pos.residents.masks import mask_number
from pos.residents.records import AREA_FIELDS, ResidentIn, get_resident, update_resident

MASKED_FIELDS = ("phone", "emergency_phone", "address", *AREA_FIELDS)
RECORDED = "●●●"  # an address or area on record, not shown


@dataclass(frozen=True)
class Editable:
    """A resident's details for the form, and what each masked field holds (shown beside it, never in it)."""

    details: ResidentIn
    masked: dict[str, str]


def for_editing(db: Database, resident_id: int, in_full: bool, actor: Actor) -> Editable:
    """The stored details, whole (audited) when `in_full`, else with the masked fields blank."""
    with db.unit_of_work() as session:
        details = stored_details(get_resident(session, resident_id))
        if in_full:
            record(session, actor, VIEWED_IN_FULL, "resident", resident_id)
            return Editable(details, {})
    stored = _values(details)
    masked = {key: (mask_number(value) if key.endswith("phone") else RECORDED)
              for key, value in stored.items() if value}
    return Editable(_with(details, {key: "" for key in MASKED_FIELDS}), masked)


def edit_resident(db: Database, resident_id: int, data: ResidentIn, keep_blank: bool, actor: Actor) -> None:
    """Save the form: details, categories, emergency contact, dietary needs; blank masked fields kept when asked."""
    with db.unit_of_work() as session:
        resident = get_resident(session, resident_id, lock=True)
        stored = stored_details(resident)
        if keep_blank:
            typed = _values(data)
            data = _with(data, {key: value for key, value in _values(stored).items() if not typed[key].strip()})
        update_resident(session, resident, replace(data, id_number=resident.id_number), actor)


def _values(details: ResidentIn) -> dict[str, str]:
    """The masked fields' values."""
    return {"phone": details.phone, "emergency_phone": details.emergency_phone, "address": details.address,
            **{key: details.area.get(key, "") for key in AREA_FIELDS}}


def _with(details: ResidentIn, values: dict[str, str]) -> ResidentIn:
    """`details` with these masked fields set."""
    area = {key: values.get(key, details.area.get(key, "")) for key in AREA_FIELDS}
    return replace(details, area=area, phone=values.get("phone", details.phone),
                   emergency_phone=values.get("emergency_phone", details.emergency_phone),
                   address=values.get("address", details.address))
