"""`canteen terminals`, `canteen ledger` and `canteen policy` commands."""
from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup
from sqlalchemy import select

from pos.audit import SYSTEM
from pos.db import read_session, unit_of_work
from pos.errors import CanteenError
from pos.integrity.verify import verify_ledger
from pos.policies.models import StoredPolicy
from pos.policies.services import load_policy_version
from pos.terminals.services import add_terminal

terminals_group = AppGroup("terminals", help="Counter terminals and their API tokens.")
ledger_group = AppGroup("ledger", help="The ledger.")
policy_group = AppGroup("policy", help="Subsidy policies.")


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


@policy_group.command("load")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--use/--no-use", default=True, show_default=True, help="Make it the canteen's policy.")
def policy_load(file: Path, use: bool) -> None:
    """Check a policy file and store it as a new version."""
    try:
        with unit_of_work() as session:
            stored = load_policy_version(session, file.read_text(encoding="utf-8"), str(file), use, SYSTEM)
    except CanteenError as exc:
        raise click.ClickException(exc.localised()) from None
    click.echo(f"loaded {stored.policy_id} version {stored.version}, in force from {stored.effective_from}")


@policy_group.command("list")
def policy_list() -> None:
    """List stored policy versions."""
    for p in read_session().scalars(select(StoredPolicy).order_by(StoredPolicy.policy_id, StoredPolicy.effective_from)):
        click.echo(f"{p.policy_id:20} {p.version:12} from {p.effective_from}  {p.name}")


COMMANDS = (terminals_group, ledger_group, policy_group)
