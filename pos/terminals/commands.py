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
@click.option("--reader", "reader_name", default="", metavar="READER",
              help='The PC/SC card reader at this counter, its exact name ("Virtual PCD 00 00"); "*" every reader '
                   "(a canteen with one counter). Without it, no tap reaches this counter.")
def terminals_add(name: str, reader_name: str) -> None:
    """Register a terminal and print its token (shown only this once)."""
    try:
        with unit_of_work() as session:
            terminal, token = add_terminal(session, name, reader_name=reader_name)
    except CanteenError as exc:
        raise click.ClickException(exc.localised()) from None
    reader = f", card reader {terminal.reader_name}" if terminal.reader_name else ", no card reader"
    click.echo(f"terminal {terminal.name} (id {terminal.id}{reader})\ntoken: {token}\n"
               "keep it now: it is not shown again")
