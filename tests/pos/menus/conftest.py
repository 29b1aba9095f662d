"""Fixtures for the weekly menu: the demo catalog in the database, a planned week, a manager signed in."""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from pos.db import get_db, read_session
from pos.demo.loader import add_dishes
from pos.menus import services, stored
from pos.menus.weeks import week_of

WEEK = "2026-W49"  # Monday 30 November to Sunday 6 December 2026
SECONDS = 1.5      # the planner's first phase finds a valid week in well under a second


@pytest.fixture
def catalog(database) -> dict[str, int]:
    """The menu planner's demo catalog as dish rows; returns dish ids by code."""
    with database.unit_of_work() as session:
        return {dish.code: dish.id for dish in add_dishes(session)}


@pytest.fixture
def plan(app, catalog):
    """Plan a week on the demo catalog: plan(week, periods=("lunch",)) -> the planner's report."""

    def plan_week(week: str = WEEK, periods: tuple[str, ...] | None = ("lunch",), seconds: float = SECONDS) -> dict:
        with app.app_context():
            chosen = None if periods is None else stored.parse_periods(list(periods), ())
            return services.plan_week(get_db(), read_session(), week, chosen, time_limit_s=seconds)

    return plan_week


@pytest.fixture
def this_week() -> str:
    """The week of today in the canteen's time zone."""
    return week_of(datetime.now(ZoneInfo("Asia/Shanghai")).date())
