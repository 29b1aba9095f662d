"""How a resident is shown: in full to admins, otherwise as pos.residents.masks leaves them."""
from __future__ import annotations

from datetime import date

from pos.residents.masks import mask_number
from pos.residents.models import Resident
from subsidy import age_on


def resident_json(resident: Resident, balance_fen: int, today: date, in_full: bool) -> dict:
    """A resident as the API returns it (their cards are added by pos.enrolment).

    Masked, it keeps the age (staff check it against the person) but no birth date, address or area:
    an age and a district beside the ID number's last four characters narrow it to a few dozen.
    """
    return {
        "id": resident.id, "name": resident.name,
        "id_number": resident.id_number if in_full else mask_number(resident.id_number),
        "phone": resident.phone if in_full else mask_number(resident.phone),
        "sex": resident.sex, "birth_date": resident.birth_date.isoformat() if in_full else None,
        "age": age_on(resident.birth_date, today),
        "address": resident.address if in_full else "",
        "area": {k: getattr(resident, k) for k in ("province", "city", "district", "street", "community")}
                 if in_full else None,
        "status": resident.status,
        "status_date": resident.status_date.isoformat() if resident.status_date else None,
        "categories": [{"code": c.category_code, "valid_from": iso_day(c.valid_from), "valid_to": iso_day(c.valid_to),
                        "valid_today": c.valid_on(today), "proof_note": c.proof_note}
                       for c in resident.categories],
        "emergency_name": resident.emergency_name,
        "emergency_phone": resident.emergency_phone if in_full else mask_number(resident.emergency_phone),
        "diet": list(resident.diet or []), "allergens": list(resident.allergens or []),
        "balance_fen": balance_fen,
    }


def iso_day(day: date | None) -> str | None:
    """A date as YYYY-MM-DD, or None for an open end."""
    return day.isoformat() if day else None
