"""How a resident is shown: masked numbers except to admins."""
from __future__ import annotations

from datetime import date

from pos.residents.id_number import mask
from pos.residents.models import Resident
from subsidy import age_on


def resident_json(resident: Resident, balance_fen: int, today: date, admin: bool) -> dict:
    """A resident as the API returns it (their cards are added by pos.enrolment)."""
    return {
        "id": resident.id, "name": resident.name,
        "id_number": resident.id_number if admin else mask(resident.id_number),
        "phone": resident.phone if admin else mask(resident.phone),
        "sex": resident.sex, "birth_date": resident.birth_date.isoformat() if admin else None,
        "age": age_on(resident.birth_date, today),
        "address": resident.address if admin else "",
        "area": {k: getattr(resident, k) for k in ("province", "city", "district", "street", "community")},
        "status": resident.status,
        "status_date": resident.status_date.isoformat() if resident.status_date else None,
        "categories": [{"code": c.category_code, "valid_from": iso_day(c.valid_from), "valid_to": iso_day(c.valid_to),
                        "valid_today": c.valid_on(today)}
                       for c in resident.categories],
        "balance_fen": balance_fen,
    }


def iso_day(day: date | None) -> str | None:
    """A date as YYYY-MM-DD, or None for an open end."""
    return day.isoformat() if day else None
