"""`canteen users create`: a staff account from the command line."""
from __future__ import annotations

import click
from flask.cli import AppGroup

from pos.auth.services import create_user
from pos.db import unit_of_work
from pos.errors import CanteenError
from vocabulary import ROLES

users_group = AppGroup("users", help="Staff accounts.")


@users_group.command("create")
@click.argument("username")
@click.option("--role", type=click.Choice(ROLES), required=True)
@click.option("--name", "display_name", default="", help="Name shown on receipts.")
@click.password_option(help="At least 8 characters; asked for when not given.")
def users_create(username: str, role: str, display_name: str, password: str) -> None:
    """Create a staff account."""
    try:
        with unit_of_work() as session:
            create_user(session, username, password, role, display_name)
    except CanteenError as exc:
        raise click.ClickException(exc.localised()) from None
    click.echo(f"created {role} {username}")
