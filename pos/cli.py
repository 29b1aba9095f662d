"""The `canteen` console script."""
from __future__ import annotations

import sys

import click
from flask.cli import ScriptInfo
from sqlalchemy.exc import OperationalError

from pos.config import ConfigError


def main(argv: list[str] | None = None) -> None:
    """Build the app from the environment and run one of its commands."""
    from pos.app import create_app

    try:
        app = create_app()
    except ConfigError as exc:
        click.secho(f"configuration error: {exc}", fg="red", err=True)
        sys.exit(2)
    try:
        app.cli.main(args=argv, prog_name="canteen", obj=ScriptInfo(create_app=lambda: app), standalone_mode=False)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.Abort:
        click.echo("Aborted!", err=True)
        sys.exit(1)
    except OperationalError as exc:  # any command, when the database cannot be reached or went away
        url = app.extensions["canteen_db"].engine.url.render_as_string()
        click.secho(f"Error: the database at {url} failed: {exc.orig}", err=True)
        sys.exit(1)
