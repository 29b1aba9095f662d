"""`canteen terminals add`: register a counter or an integration and print its token once."""
from __future__ import annotations

import click
from flask.cli import AppGroup

from pos.db import unit_of_work
from pos.errors import CanteenError
from pos.terminals.services import add_terminal

terminals_group = AppGroup("terminals", help="Counter terminals and their API tokens.")


@terminals_group.command("add")
@click.argument("name")
def terminals_add(name: str) -> None:
    """Register a terminal and print its token (shown only this once)."""
    try:
        with unit_of_work() as session:
            terminal, token = add_terminal(session, name)
    except CanteenError as exc:
        raise click.ClickException(exc.localised()) from None
    click.echo(f"terminal {terminal.name} (id {terminal.id})\ntoken: {token}\nkeep it now: it is not shown again")
