"""`canteen residents import`: residents from the spreadsheet a community office keeps, and their cards.

It lives with enrolment, not residents, because issuing the list's cards needs the cards feature,
which itself builds on residents."""
from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup
from flask_babel import gettext

from pos.audit import SYSTEM
from pos.db import unit_of_work
from pos.enrolment.uploads import CardStep, list_sheet
from pos.errors import CanteenError
from pos.residents.imports import Outcome, import_sheet

residents_group = AppGroup("residents", help="Residents and their subsidy categories.")


class _Rollback(Exception):
    """Leave the import's transaction without writing anything."""


@residents_group.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--skip-bad", is_flag=True, help="Import the good rows and list the bad ones.")
@click.option("--dry-run", is_flag=True, help="Check the file only; write nothing.")
@click.option("--with-cards", is_flag=True, help="Issue each row's card from the card number column (卡号).")
def residents_import(file: Path, skip_bad: bool, dry_run: bool, with_cards: bool) -> None:
    """Add or update residents (by ID number) from a .csv or .xlsx file; all rows or none."""
    try:
        sheet = list_sheet(file, with_cards)
    except CanteenError as exc:
        raise click.ClickException(reason(exc)) from None
    outcome, cards = Outcome(), CardStep(SYSTEM)
    try:
        with unit_of_work() as session:  # one transaction: a failure midway leaves nothing behind
            import_sheet(session, sheet, outcome, SYSTEM, then=cards if with_cards else None)
            if dry_run or (outcome.problems and not skip_bad):
                raise _Rollback
    except _Rollback:
        pass
    for p in outcome.problems:
        click.echo(gettext("row %(row)s, %(column)s: %(reason)s", row=p.row, column=p.column, reason=reason(p.error)))
    click.echo(summary(outcome, skip_bad, dry_run) + (f"; {_count(cards.issued, 'card')} issued"
                                                      if with_cards and cards.issued else ""))
    if outcome.problems and not skip_bad:
        raise SystemExit(1)


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
