"""`canteen orders generate`: book the standing orders of every meal whose cut-off has passed (for cron)."""
from __future__ import annotations

from datetime import datetime

import click
from flask.cli import AppGroup

from pos.clock import utc_now
from pos.context import settings
from pos.db import get_db
from pos.errors import CanteenError
from pos.orders import generation, lapsing
from vocabulary import MEAL_PERIODS

orders_group = AppGroup("orders", help="Meal orders.")


@orders_group.command("generate")
@click.option("--day", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="A day, e.g. 2026-12-10 (default: today and tomorrow).")
@click.option("--period", type=click.Choice(MEAL_PERIODS), default=None,
              help="One meal period (default: every one served whose cut-off has passed).")
def orders_generate(day: datetime | None, period: str | None) -> None:
    """Book the day's meals of the standing orders at the cut-off; running it again books nothing new. Booked
    meals whose serving hours are over and nobody came for are marked not served.

    Cron runs it every few minutes (or at each cut-off): a meal is booked only once its cut-off has passed."""
    now, zone = utc_now(), settings().timezone
    try:
        if day is None:
            results = generation.generate_due(get_db(), now, zone)
        elif period is None:
            results = generation.generate_day(get_db(), day.date(), now, zone)
        else:
            results = [generation.generate_orders(get_db(), day.date(), period, now, zone)]
    except CanteenError as exc:
        raise click.ClickException(exc.localised()) from None
    lapsed = lapsing.lapse_unserved(get_db(), now, zone)
    if lapsed:
        click.echo(f"{lapsed} booked meals nobody came for marked not served")
    if not results:
        click.echo("no meal has reached its cut-off yet")
    for result in results:
        click.echo(f"{result.day.isoformat()} {result.meal_period}: booked {result.booked}; skipped "
                   f"{result.skipped_paused} paused, {result.skipped_booked} booked already, "
                   f"{result.skipped_closed} closed, {result.skipped_gone} moved away or died")

