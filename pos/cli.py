"""The `canteen` console script."""
from __future__ import annotations

import sys

import click
from flask.cli import ScriptInfo

from pos.config import ConfigError


def main(argv: list[str] | None = None) -> None:
    """Build the app from the environment and run one of its commands."""
    from pos.app import create_app

    try:
        app = create_app()
    except ConfigError as exc:
        click.secho(f"configuration error: {exc}", fg="red", err=True)
        sys.exit(2)
    app.cli.main(args=argv, prog_name="canteen", obj=ScriptInfo(create_app=lambda: app))
