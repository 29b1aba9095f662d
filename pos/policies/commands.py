"""`canteen policy load|list`: store a policy file as a new version; list the versions."""
from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup
from sqlalchemy import select

from pos.audit import SYSTEM
from pos.db import read_session, unit_of_work
from pos.errors import CanteenError
from pos.policies.models import StoredPolicy
from pos.policies.services import load_policy_version

policy_group = AppGroup("policy", help="Subsidy policies.")


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
