"""`canteen demo`."""
from __future__ import annotations

import click
from flask.cli import with_appcontext

from pos import db
from pos.config import format_hours
from pos.context import canteen_today, settings
from pos.demo.loader import add_demo_terminal, demo_logins_text, is_empty, load_demo


@click.command("demo")
@click.option("--if-empty", is_flag=True, help="Do nothing when the database already has data.")
@with_appcontext
def demo_command(if_empty: bool) -> None:
    """Load the demo canteen into an empty database."""
    with db.unit_of_work() as session:
        if not is_empty(session):
            if if_empty:
                click.echo("database has data; demo not loaded")
                return
            raise click.ClickException("the database already has data; demo data goes only into an empty one")
        made = load_demo(session, settings().canteen_name, today=canteen_today(), hours=format_hours(settings().hours),
                         printer=settings().printer)
        token = add_demo_terminal(session)
    click.echo("demo loaded: " + ", ".join(f"{n} {what}" for what, n in made.items()))
    click.echo(demo_logins_text(token))
