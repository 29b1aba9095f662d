"""`canteen ledger verify`: every invariant checked; exit 1 on a violation."""
from __future__ import annotations

import click
from flask.cli import AppGroup

from pos.db import read_session
from pos.integrity.verify import verify_ledger

ledger_group = AppGroup("ledger", help="The ledger.")


@ledger_group.command("verify")
@click.option("--chain", is_flag=True, help="Also recompute the hash chain over every transaction and service record.")
@click.option("--kept", multiple=True, metavar="HASH",
              help="A chain hash printed on a closing or claim, that must still be in the chain (with --chain).")
def ledger_verify(chain: bool, kept: tuple[str, ...]) -> None:
    """Check every ledger invariant; exit 1 on a violation."""
    result = verify_ledger(read_session(), chain=chain or bool(kept), kept=kept)
    for what, count in result.checked.items():
        click.echo(f"checked {count} {what}")
    for violation in result.violations:
        click.secho(f"VIOLATION {violation}", fg="red")
    if result.chain_head is not None:
        click.echo(f"chain head: link {result.chain_head['seq']} hash {result.chain_head['hash']}")
    click.echo("ledger OK" if result.ok else f"{len(result.violations)} violation(s)")
    if not result.ok:
        raise SystemExit(1)
