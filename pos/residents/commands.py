"""`canteen residents import`: residents from the spreadsheet a community office keeps."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import click
from flask.cli import AppGroup
from flask_babel import gettext
from sqlalchemy import select
from sqlalchemy.orm import Session

from pos.db import unit_of_work
from pos.errors import CanteenError
from pos.ledger.posting import wallet_of
from pos.residents import importing
from pos.residents.importing import Problem, Sheet
from pos.residents.models import Resident, SubsidyCategory
from pos.residents.records import AREA_FIELDS, CategoryGrantIn, ResidentIn, register_resident, update_resident

residents_group = AppGroup("residents", help="Residents and their subsidy categories.")


class _Rollback(Exception):
    """Leave the import's transaction without writing anything."""


@dataclass
class Outcome:
    """What an import did, or would do."""

    new: int = 0
    updated: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def bad_rows(self) -> int:
        return len({p.row for p in self.problems})


@residents_group.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--skip-bad", is_flag=True, help="Import the good rows and list the bad ones.")
@click.option("--dry-run", is_flag=True, help="Check the file only; write nothing.")
def residents_import(file: Path, skip_bad: bool, dry_run: bool) -> None:
    """Add or update residents (by ID number) from a .csv or .xlsx file; all rows or none."""
    try:
        sheet = importing.read_sheet(file)
    except CanteenError as exc:
        raise click.ClickException(reason(exc)) from None
    outcome = Outcome()
    try:
        with unit_of_work() as session:  # one transaction: a failure midway leaves nothing behind
            import_sheet(session, sheet, outcome)
            if dry_run or (outcome.problems and not skip_bad):
                raise _Rollback
    except _Rollback:
        pass
    for p in outcome.problems:
        click.echo(gettext("row %(row)s, %(column)s: %(reason)s", row=p.row, column=p.column, reason=reason(p.error)))
    click.echo(summary(outcome, skip_bad, dry_run))
    if outcome.problems and not skip_bad:
        raise SystemExit(1)


def import_sheet(session: Session, sheet: Sheet, outcome: Outcome) -> None:
    """Save every good row, each in a savepoint so a row refused while saving leaves no trace."""
    for row in importing.parse_rows(sheet, category_names(session)):
        if row.resident is None:  # refused: its problems say why
            outcome.problems.extend(row.problems)
            continue
        try:
            with session.begin_nested():
                created = save(session, row.resident, sheet.headers)
        except CanteenError as exc:
            key = exc.field or ""
            outcome.problems.append(Problem(row.number, sheet.headers.get(key, key), exc))
            continue
        outcome.new, outcome.updated = outcome.new + created, outcome.updated + (not created)


def save(session: Session, data: ResidentIn, columns: dict[str, str]) -> bool:
    """Register the resident with this ID number, or update them; True when new."""
    resident = session.scalar(select(Resident).where(Resident.id_number == data.id_number))
    if resident is None:
        wallet_of(session, register_resident(session, data).id)
        return True
    data = importing.keep_missing(data, stored_details(resident), columns)
    update_resident(session, resident, data)
    return False


def stored_details(resident: Resident) -> ResidentIn:
    """A resident's details as stored, in the form an import gives them."""
    return ResidentIn(
        name=resident.name, id_number=resident.id_number, phone=resident.phone, address=resident.address,
        area={f: getattr(resident, f) for f in AREA_FIELDS},
        categories=tuple(CategoryGrantIn(c.category_code, c.valid_from, c.valid_to, c.proof_note)
                         for c in resident.categories))


def category_names(session: Session) -> dict[str, str]:
    """Category code by Chinese name and by code."""
    names = {}
    for category in session.scalars(select(SubsidyCategory)):
        names[category.name_zh] = names[category.code] = category.code
    return names


def reason(exc: CanteenError) -> str:
    """The refusal in the command's language, without the field name (the column says it)."""
    return gettext(exc.message, **exc.params) if exc.params else gettext(exc.message)


def summary(outcome: Outcome, skip_bad: bool, dry_run: bool) -> str:
    """One line: what was imported, or why nothing was."""
    if outcome.problems and not skip_bad:
        return (f"nothing imported: {_count(outcome.bad_rows, 'row')} with problems; "
                "fix them, or use --skip-bad to import the other rows")
    line = (f"{'would import' if dry_run else 'imported'} {_count(outcome.new + outcome.updated, 'resident')}: "
            f"{outcome.new} new, {outcome.updated} updated")
    if outcome.problems:
        line += f"; {_count(outcome.bad_rows, 'row')} skipped"
    return line + ("; dry run, nothing written" if dry_run else "")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
