"""`canteen statements claim|residents` and `canteen close-day`."""
from __future__ import annotations

import sys
from pathlib import Path

import click
from flask.cli import AppGroup, with_appcontext

from pos.clock import utc_now
from pos.context import canteen_today, settings
from pos.db import get_db, read_session
from pos.errors import CanteenError
from pos.statements import services
from pos.statements.periods import parse_day, parse_month

statements_group = AppGroup("statements", help="Subsidy claims and resident statements.")
OUT = click.Path(file_okay=False, path_type=Path)


def _month(text: str):
    try:
        return parse_month(text)
    except CanteenError as exc:
        raise click.BadParameter(exc.localised(), param_hint="--month") from None


@statements_group.command("claim")
@click.option("--month", required=True, help="YYYY-MM")
@click.option("--funder", required=True, help="Funder id in the policy, e.g. district")
@click.option("--out", "out", type=OUT, required=True, help="Folder for the PDF, XLSX and CSV")
@click.option("--issue", is_flag=True, help="Issue (freeze) the claim first; without it an unissued month is a draft")
@click.option("--format", "formats", default="pdf,xlsx,csv", show_default=True)
def claim_command(month: str, funder: str, out: Path, issue: bool, formats: str) -> None:
    """Write a month's subsidy claim to one funder and check it against the ledger."""
    chosen = _month(month)
    try:
        if issue:
            services.issue(get_db(), settings(), funder, chosen, None, utc_now())
        session = read_session()
        source = services.claim_source(session, funder, chosen)
        check = services.reconciliation(session, source)
        with click.progressbar(length=_line_count(session, source), label="detail lines",
                               file=sys.stderr) as bar:
            claim, paths = services.write_claim_to_dir(session, settings(), source, out, utc_now(),
                                                       tuple(formats.split(",")), bar.update)
    except CanteenError as exc:
        raise click.ClickException(exc.localised()) from None
    click.echo(f"{claim.claim_no}{'' if source.issued else ' (draft)'}: {claim.subsidised_meals} subsidised meals, "
               f"{claim.subsidy_fen} fen, adjustments {claim.adjustments_fen} fen, to claim {claim.net_fen} fen")
    click.echo(f"ledger: sales {check.ledger_sales_fen} - voids {check.ledger_voids_fen} = {check.ledger_net_fen} fen; "
               f"{'agrees' if check.ok else 'DOES NOT AGREE'}")
    for path in paths:
        click.echo(f"wrote {path}")
    if not check.ok:
        raise SystemExit(1)


def _line_count(session, source) -> int:
    from sqlalchemy import func, select

    lines = source.lines().query.subquery()
    return int(session.scalar(select(func.count()).select_from(lines)) or 0)


@statements_group.command("residents")
@click.option("--month", required=True, help="YYYY-MM")
@click.option("--out", "out", type=OUT, required=True, help="Folder for one PDF per resident")
def residents_command(month: str, out: Path) -> None:
    """Write every resident's statement for the month, one PDF each."""
    chosen = _month(month)
    out.mkdir(parents=True, exist_ok=True)
    session = read_session()
    residents = services.statement_residents(session, settings(), chosen)
    with click.progressbar(residents, label="statements", file=sys.stderr) as bar:
        for resident_id, _name in bar:
            statement = services.statement_for(session, settings(), resident_id, chosen)
            services.write_statement_pdf(settings(), statement, out / f"statement-{chosen.label}-{resident_id:06d}.pdf")
    click.echo(f"wrote {len(residents)} statements to {out}")


@click.command("close-day")
@click.option("--date", "day", default=None, help="YYYY-MM-DD (default: today)")
@click.option("--out", "out", type=OUT, default=Path("."), show_default=True)
@click.option("--by", "closed_by", default="", help="Name printed as the one who closed the day")
@with_appcontext
def close_day_command(day: str | None, out: Path, closed_by: str) -> None:
    """Write the day's closing (per shift and for the day) as PDF."""
    try:
        chosen = parse_day(day) if day else canteen_today()
        closing = services.closing_for(read_session(), settings(), chosen, closed_by, utc_now())
    except CanteenError as exc:
        raise click.ClickException(exc.localised()) from None
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"closing-{chosen.isoformat()}.pdf"
    services.write_closing_pdf(settings(), closing, path)
    total = closing.day_total
    difference = "no drawer counted" if total.cash_difference_fen is None else f"{total.cash_difference_fen} fen"
    click.echo(f"{chosen}: {total.meals} meals ({total.subsidised_meals} subsidised), wallet {total.wallet_fen}, "
               f"cash {total.cash_fen}, mobile {total.mobile_fen}, "
               f"top-ups {total.topup_cash_fen + total.topup_mobile_fen}"
               f" fen, {total.voids} voids, cash difference {difference}, "
               f"uncounted cash {total.cash_uncounted_fen} fen")
    click.echo(f"wrote {path}")


COMMANDS = (statements_group, close_day_command)
