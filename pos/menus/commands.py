"""`canteen menu plan`, `canteen menu publish` and `canteen menu unpublish`."""
from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

from pos import context
from pos.canteens.services import serving_hours
from pos.context import canteen_today
from pos.db import get_db, read_session
from pos.errors import CanteenError
from pos.menus import services, stored
from pos.menus.weeks import parse_week, shift, week_of

menu_group = AppGroup("menu", help="Weekly menus: plan and publish.")


def next_week() -> str:
    """The week after this one (what a manager plans)."""
    return shift(week_of(canteen_today()), 1)


def week_option(value: str | None) -> str:
    """A week from the command line, refused in plain words."""
    try:
        return parse_week(value or next_week())
    except CanteenError as exc:
        raise click.BadParameter(exc.localised()) from None


@menu_group.command("plan")
@click.option("--week", help="ISO week, e.g. 2026-W49 (default: next week).")
@click.option("--periods", default=None, help="Meal periods, e.g. lunch,dinner (default: the serving hours').")
@click.option("--seconds", type=float, default=services.PLAN_SECONDS, show_default=True,
              help="Time the planner may search.")
@click.option("--keep-pins/--no-keep-pins", default=True, show_default=True,
              help="Keep the dishes a manager pinned.")
def menu_plan(week: str | None, periods: str | None, seconds: float, keep_pins: bool) -> None:
    """Plan a week's menu as a draft, or re-plan all but the pinned dishes."""
    name = week_option(week)
    try:
        default = services.default_periods(serving_hours(read_session(), context.settings().hours))
        chosen = stored.parse_periods(periods, default) if periods else None
        report = services.plan_week(get_db(), read_session(), name, chosen, keep_pins=keep_pins,
                                    time_limit_s=seconds, default=default)
    except CanteenError as exc:
        raise click.ClickException(exc.localised()) from None
    language = "en" if current_app.config["CANTEEN_LOCALE"].startswith("en") else "zh_CN"
    click.echo(f"{name}: {report['summary'][language]}")
    for problem in report["problems"]:
        click.echo(f"  - {problem[language]}")
    if report["status"] not in ("optimal", "feasible"):
        raise SystemExit(1)


@menu_group.command("publish")
@click.option("--week", help="ISO week, e.g. 2026-W49 (default: next week).")
@click.option("--force", is_flag=True, help="Publish even though the menu breaks rules.")
def menu_publish(week: str | None, force: bool) -> None:
    """Publish a planned week: its dishes become the counter's buttons."""
    name = week_option(week)
    try:
        services.publish(get_db(), name, force=force)
    except CanteenError as exc:
        raise click.ClickException(exc.localised()) from None
    click.echo(f"{name}: published")


@menu_group.command("unpublish")
@click.option("--week", required=True, help="ISO week, e.g. 2026-W49.")
def menu_unpublish(week: str) -> None:
    """Take a published week back to a draft (the counter then offers every dish on sale)."""
    name = week_option(week)
    try:
        services.unpublish(get_db(), name)
    except CanteenError as exc:
        raise click.ClickException(exc.localised()) from None
    click.echo(f"{name}: draft again")
