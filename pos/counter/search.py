"""Finding a resident at the counter who has no card or pass with them, by the back office's search.

The resident reads out their name or the last four of their ID or phone number, or the cashier types the
pinyin initials (pos.enrolment.directory). The counter sees numbers masked, last four only.
"""
from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from pos.enrolment.directory import ResidentQuery, find_residents
from pos.residents.models import still_here

AT_MOST = 10  # a short list to pick from by keyboard; more means "type more"


def find_at_counter(session: Session, text: str, today: date) -> dict:
    """The first residents matching `text` (empty: none), masked, and how many match in all."""
    if not text.strip():
        return {"residents": [], "total": 0}
    found = find_residents(session, ResidentQuery(text=text, per_page=AT_MOST), today)
    return {"total": found.total, "residents": [
        {"id": r.id, "name": r.name, "id_number": r.id_number, "phone": r.phone, "age": r.age, "status": r.status,
         "status_date": r.status_date.isoformat() if r.status_date else None,
         "may_settle": still_here(r.status, r.status_date, today)}
        for r in found.rows]}
