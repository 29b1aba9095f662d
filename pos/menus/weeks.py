"""ISO weeks as the canteen names them (2026-W49): parsing, the days in one, and the week of a day."""
from __future__ import annotations

import re
from datetime import date, timedelta

from pos.errors import InvalidInput

WEEK_PATTERN = re.compile(r"^(\d{4})-?W(\d{1,2})$", re.IGNORECASE)
DAYS = 7


def parse_week(text: str, field: str = "week") -> str:
    """The canonical name of an ISO week given as 2026-W49 (or 2026w49); 422 naming `field` otherwise."""
    match = WEEK_PATTERN.match((text or "").strip())
    if match:
        try:
            return week_of(date.fromisocalendar(int(match[1]), int(match[2]), 1))
        except ValueError:
            pass
    raise InvalidInput("must be an ISO week like 2026-W49", field=field)


def week_of(day: date) -> str:
    """The ISO week a day falls in, e.g. 2026-W49."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def monday_of(week: str) -> date:
    """The Monday of a canonical ISO week name."""
    year, number = week.split("-W")
    return date.fromisocalendar(int(year), int(number), 1)


def days_of(week: str) -> list[date]:
    """Monday to Sunday of the week."""
    monday = monday_of(week)
    return [monday + timedelta(days=n) for n in range(DAYS)]


def shift(week: str, weeks: int) -> str:
    """The week `weeks` later (earlier when negative)."""
    return week_of(monday_of(week) + timedelta(weeks=weeks))
