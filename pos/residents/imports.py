"""Writing a checked resident list into the database: new residents registered, known ones updated.

The CLI (`canteen residents import`) and the back office's upload (pos.enrolment.uploads) both call
`import_sheet` inside one transaction, so a list is written whole or not at all; each row is saved
in a savepoint, so a row refused while saving is reported by its row and column and leaves no trace.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from pos.audit import SYSTEM, Actor
from pos.errors import CanteenError
from pos.ledger.posting import wallet_of
from pos.residents import importing
from pos.residents.importing import ParsedRow
from pos.residents.models import Resident, SubsidyCategory
from pos.residents.records import AREA_FIELDS, CategoryGrantIn, ResidentIn, register_resident, update_resident
from pos.spreadsheets import Problem, Sheet

# What else to do with each saved row, in its savepoint (issue its card, say); a CanteenError refuses the row.
RowStep = Callable[[Session, Resident, ParsedRow], None]


@dataclass
class Outcome:
    """What an import did, or would do."""

    new: int = 0
    updated: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def bad_rows(self) -> int:
        return len({p.row for p in self.problems})


def import_sheet(session: Session, sheet: Sheet, outcome: Outcome, actor: Actor = SYSTEM,
                 then: RowStep | None = None) -> None:
    """Save every good row, each in a savepoint so a row refused while saving leaves no trace."""
    for row in importing.parse_rows(sheet, category_names(session)):
        if row.resident is None:  # refused: its problems say why
            outcome.problems.extend(row.problems)
            continue
        try:
            with session.begin_nested():
                resident, created = save(session, row.resident, sheet.headers, actor)
                if then is not None:
                    then(session, resident, row)
        except CanteenError as exc:
            key = exc.field or ""
            outcome.problems.append(Problem(row.number, sheet.headers.get(key, key), exc))
            continue
        outcome.new, outcome.updated = outcome.new + created, outcome.updated + (not created)


def save(session: Session, data: ResidentIn, columns: dict[str, str], actor: Actor = SYSTEM) -> tuple[Resident, bool]:
    """Register the resident with this ID number, or update them; True when new."""
    resident = session.scalar(select(Resident).where(Resident.id_number == data.id_number))
    if resident is None:
        resident = register_resident(session, data, actor)
        wallet_of(session, resident.id)
        return resident, True
    data = importing.keep_missing(data, stored_details(resident), columns)
    update_resident(session, resident, data, actor)
    return resident, False


def stored_details(resident: Resident) -> ResidentIn:
    """A resident's details as stored, in the form a page or an import gives them."""
    return ResidentIn(
        name=resident.name, id_number=resident.id_number, phone=resident.phone, address=resident.address,
        area={f: getattr(resident, f) for f in AREA_FIELDS},
        categories=tuple(CategoryGrantIn(c.category_code, c.valid_from, c.valid_to, c.proof_note)
                         for c in resident.categories),
        emergency_name=resident.emergency_name, emergency_phone=resident.emergency_phone,
        diet=tuple(resident.diet or ()), allergens=tuple(resident.allergens or ()))


def category_names(session: Session) -> dict[str, str]:
    """Category code by Chinese name and by code."""
    names = {}
    for category in session.scalars(select(SubsidyCategory)):
        names[category.name_zh] = names[category.code] = category.code
    return names
