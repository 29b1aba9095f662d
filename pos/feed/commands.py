"""`canteen feed export` and `canteen feed push`."""
from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup

from pos.clock import utc_now
from pos.context import settings
from pos.db import get_db
from pos.errors import CanteenError
from pos.feed.periods import chosen_period
from pos.feed.push import push_files, push_url
from pos.feed.services import FeedFile, export_feed, feed_folder

feed_group = AppGroup("feed", help="The feed upward: service records and claim totals for the funders' platform.")
OUT = click.Path(file_okay=False, path_type=Path)


def _period_options(command):
    for option in reversed((click.option("--month", help="YYYY-MM: the month's feed"),
                   click.option("--day", help="YYYY-MM-DD: one day's feed instead"),
                   click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl",
                                show_default=True),
                   click.option("--canteen", "canteen_code", default=None, help="canteen code (default: this one)"))):
        command = option(command)
    return command


def _export(month: str | None, day: str | None, fmt: str, out: Path, canteen_code: str | None) -> list[FeedFile]:
    try:
        return export_feed(get_db(), settings(), chosen_period(month, day), fmt, out, utc_now(), canteen_code)
    except CanteenError as exc:
        hint = {"month": "--month", "day": "--day", "format": "--format"}.get(exc.field or "")
        if hint:
            raise click.BadParameter(exc.localised(), param_hint=hint) from None
        raise click.ClickException(exc.localised()) from None


def _report(files: list[FeedFile]) -> None:
    for made in files:
        click.echo(f"wrote {made.path} ({made.rows} rows, {made.signed.bytes} bytes, sha256 {made.signed.sha256})")
        click.echo(f"wrote {made.signature_path}")


@feed_group.command("export")
@_period_options
@click.option("--out", "out", type=OUT, required=True, help="folder for the files and their signatures")
def export_command(month: str | None, day: str | None, fmt: str, canteen_code: str | None, out: Path) -> None:
    """Write a closed month's (or day's) records and totals, each signed with CANTEEN_FEED_KEY."""
    _report(_export(month, day, fmt, out, canteen_code))


@feed_group.command("push")
@_period_options
@click.option("--out", "out", type=OUT, default=None, help="keep the files here (default: the instance's feeds)")
def push_command(month: str | None, day: str | None, fmt: str, canteen_code: str | None, out: Path | None) -> None:
    """Export the feed, then POST each file and its signature to CANTEEN_FEED_URL (3 tries, each logged)."""
    try:
        push_url(settings())  # no address: refused before anything is written
    except CanteenError as exc:
        raise click.ClickException(exc.localised()) from None
    files = _export(month, day, fmt, out or feed_folder(settings()), canteen_code)
    _report(files)
    try:
        results = push_files(get_db(), settings(), [made.path for made in files], utc_now)
    except CanteenError as exc:
        raise click.ClickException(exc.localised()) from None
    for result in results:
        outcome = f"accepted (HTTP {result.status_code})" if result.delivered else f"NOT delivered: {result.error}"
        click.echo(f"pushed {result.file_name}: {outcome} after {result.attempts} attempt(s)")
    if not all(result.delivered for result in results):
        raise SystemExit(1)

