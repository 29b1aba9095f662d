"""`canteen ledger verify`: every invariant checked; exit 1 on a violation."""
from __future__ import annotations

import click
from flask.cli import AppGroup

from pos.db import read_session
from pos.integrity.verify import verify_ledger

ledger_group = AppGroup("ledger", help="The ledger.")


@ledger_group.command("verify")
def ledger_verify() -> None:
    """Check every ledger invariant; exit 1 on a violation."""
    result = verify_ledger(read_session())
    for what, count in result.checked.items():
        click.echo(f"checked {count} {what}")
    for violation in result.violations:
        click.secho(f"VIOLATION {violation}", fg="red")
    click.echo("ledger OK" if result.ok else f"{len(result.violations)} violation(s)")
    if not result.ok:
        raise SystemExit(1)
