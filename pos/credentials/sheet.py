"""Printing a sheet of static QR passes: each print issues a new pass per resident, revoking older prints."""
from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from cards.qrpass import new_secret, static_payload
from pos.audit import Actor, record
from pos.db import Database
from pos.errors import InvalidInput
from pos.residents.masks import mask_number
from pos.residents.models import Resident
from receipts.pass_sheet import PassSheet, PrintedPass, write_pass_sheet_pdf

MAX_PASSES = 200  # 25 pages: a community's list at most


@dataclass(frozen=True)
class ChosenResident:
    """A resident picked for the sheet, as the page lists them before printing (masked)."""

    id: int
    name: str
    masked_id: str
    printed_before: bool


def chosen_residents(session: Session, resident_ids: Sequence[int]) -> list[ChosenResident]:
    """The residents picked, in the order of their ids; ids of no resident are left out."""
    ids = _checked_ids(resident_ids)
    rows = session.scalars(select(Resident).where(Resident.id.in_(ids)).order_by(Resident.id))
    return [ChosenResident(r.id, r.name, mask_number(r.id_number), (r.qr_static_issue or 1) > 1) for r in rows]


def print_pass_sheet(db: Database, resident_ids: Sequence[int], canteen_name: str, printed_on: str,
                     actor: Actor, words: dict[str, str] | None = None) -> bytes:
    """New static passes for the residents (older prints stop working), drawn on an A4 sheet, audited."""
    ids = _checked_ids(resident_ids)
    printed: list[PrintedPass] = []
    with db.unit_of_work() as session:
        residents = list(session.scalars(select(Resident).where(Resident.id.in_(ids)).order_by(Resident.id)
                                         .with_for_update()))
        if not residents:
            raise InvalidInput("choose at least one resident", field="resident")
        for resident in residents:
            before = resident.qr_static_issue or 1
            resident.qr_secret = resident.qr_secret or new_secret()
            resident.qr_static_issue = before + 1
            record(session, actor, "pass.printed", "resident", resident.id, before={"issue": before},
                   after={"issue": resident.qr_static_issue})
            printed.append(PrintedPass(resident.name, mask_number(resident.id_number),
                                       static_payload(resident.id, resident.qr_secret, resident.qr_static_issue)))
        out = io.BytesIO()  # drawn before the commit: a sheet that cannot be drawn revokes nothing
        write_pass_sheet_pdf(PassSheet(canteen_name, printed_on, printed, **(words or {})), out)
        return out.getvalue()


def _checked_ids(resident_ids: Sequence[int]) -> list[int]:
    ids = sorted({i for i in resident_ids if 0 < i < 2**31})
    if not ids:
        raise InvalidInput("choose at least one resident", field="resident")
    if len(ids) > MAX_PASSES:
        raise InvalidInput("at most %(max)s residents on one sheet", field="resident", max=MAX_PASSES)
    return ids
