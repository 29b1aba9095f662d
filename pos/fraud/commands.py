"""`canteen fraud report --month 2026-10 [--canteen CODE] [--json]`: the month's findings with their evidence."""
from __future__ import annotations

import json
from datetime import datetime
from zoneinfo import ZoneInfo

import click
from flask.cli import AppGroup
from sqlalchemy import select

from pos.canteens.models import Canteen
from pos.canteens.services import main_canteen
from pos.context import settings
from pos.db import read_session
from pos.errors import CanteenError
from pos.fraud.findings import Finding, Meal, Report
from pos.fraud.services import fraud_report, scope_of
from pos.statements.periods import parse_month

fraud_group = AppGroup("fraud", help="Fraud checks over the service records.")


@fraud_group.command("report")
@click.option("--month", required=True, help="YYYY-MM")
@click.option("--canteen", "code", default=None, help="The canteen's code (default: the one this server runs)")
@click.option("--json", "as_json", is_flag=True, help="One JSON document instead of text")
def report_command(month: str, code: str | None, as_json: bool) -> None:
    """Print a month's fraud findings, each with its figures and the meals behind it."""
    try:
        chosen = parse_month(month)
    except CanteenError as exc:
        raise click.BadParameter(exc.localised(), param_hint="--month") from None
    session = read_session()
    canteen = session.scalar(select(Canteen).where(Canteen.code == code)) if code else main_canteen(session)
    if canteen is None:
        raise click.BadParameter(f"no canteen with code {code!r}" if code else "no canteen yet",
                                 param_hint="--canteen")
    zone = settings().timezone
    report = fraud_report(session, scope_of(canteen, chosen, zone))
    if as_json:
        click.echo(json.dumps(as_document(report, canteen, zone), ensure_ascii=False, indent=1))
        return
    click.echo(f"fraud checks {chosen.label} · {canteen.name}: {len(report.findings)} findings, "
               f"{sum(1 for f in report.findings if f.explanation)} explained")
    for check, findings in report.by_check():
        click.echo(f"\n{check}: {len(findings)}")
        for finding in findings:
            click.echo(f"  {finding.key}  {who(report, finding)}  {json.dumps(finding.figures, ensure_ascii=False)}")
            if finding.explanation:
                click.echo(f"    explained by {finding.explanation.staff_name}: {finding.explanation.note}")
            for meal in finding.meals:
                m = as_meal(report, meal, zone)
                click.echo(f"    {m['receipt_no']}  {m['served_at']}  {m['meal_period']}  {m['identified']}  "
                           f"{m['resident']}  {m['terminal']}  {m['staff']}  {m['subsidy_fen']} fen")


def who(report: Report, finding: Finding) -> str:
    """The resident or cashier a finding is about, by name."""
    if finding.resident_id is not None:
        return f"resident {report.residents.get(finding.resident_id, finding.resident_id)}"
    if finding.staff_id is not None:
        return f"cashier {report.staff.get(finding.staff_id, finding.staff_id)}"
    return "canteen"


def as_document(report: Report, canteen: Canteen, zone: str) -> dict:
    """The report as JSON: findings by check, names resolved, times in the canteen's zone."""
    return {"month": report.scope.month.label, "canteen": {"id": canteen.id, "code": canteen.code,
                                                           "name": canteen.name},
            "checks": {check: [as_finding(report, f, zone) for f in findings] for check, findings in report.by_check()}}


def as_finding(report: Report, f: Finding, zone: str) -> dict:
    return {"check": f.check, "key": f.key, "resident_id": f.resident_id,
            "resident": report.residents.get(f.resident_id or 0), "staff_id": f.staff_id,
            "staff": report.staff.get(f.staff_id or 0), "figures": f.figures,
            "meals": [as_meal(report, m, zone) for m in f.meals],
            "explanation": None if f.explanation is None else {
                "note": f.explanation.note, "staff": f.explanation.staff_name, "at": _local(f.explanation.at, zone)}}


def as_meal(report: Report, m: Meal, zone: str) -> dict:
    return {"receipt_no": m.receipt_no, "sale_id": m.sale_id, "served_at": _local(m.served_at, zone),
            "day": m.day.isoformat(), "meal_period": m.meal_period, "identified": m.identified,
            "canteen": report.canteens.get(m.canteen_id, ""), "resident": report.residents.get(m.resident_id or 0, ""),
            "terminal": report.terminals.get(m.terminal_id or 0, ""), "staff": report.staff.get(m.staff_id or 0, ""),
            "subsidy_fen": m.subsidy_fen}


def _local(moment: datetime, zone: str) -> str:
    return moment.astimezone(ZoneInfo(zone)).isoformat(timespec="minutes")
