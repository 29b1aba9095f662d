"""`canteen users create`: a staff account from the command line."""
from __future__ import annotations

import click
from flask.cli import AppGroup

from pos.audit import SYSTEM
from pos.auth.services import create_user, set_active, set_password
from pos.clock import utc_now
from pos.db import get_db, unit_of_work
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


@users_group.command("password")
@click.argument("username")
@click.password_option(help="At least 8 characters; asked for when not given.")
def users_password(username: str, password: str) -> None:
    """Set a new password: the account's sign-ins end and its failed attempts are forgotten."""
    _run(lambda db: set_password(db, username, password, SYSTEM, utc_now()))
    click.echo(f"new password set for {username}; its sign-ins have ended")


@users_group.command("deactivate")
@click.argument("username")
def users_deactivate(username: str) -> None:
    """Stop an account signing in; its sign-ins end at once."""
    _run(lambda db: set_active(db, username, False, SYSTEM, utc_now()))
    click.echo(f"deactivated {username}")


@users_group.command("activate")
@click.argument("username")
def users_activate(username: str) -> None:
    """Let a deactivated account sign in again."""
    _run(lambda db: set_active(db, username, True, SYSTEM, utc_now()))
    click.echo(f"activated {username}")


def _run(work) -> None:
    try:
        work(get_db())
    except CanteenError as exc:
        raise click.ClickException(exc.localised()) from None
