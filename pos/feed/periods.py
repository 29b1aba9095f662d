"""What a feed covers: one business day or one calendar month, and only once it is over in the canteen's zone."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from pos.clock import local_date
from pos.errors import N_, Conflict, InvalidInput
from pos.statements.periods import Month

MONTH = re.compile(r"^(\d{4})-(\d{2})$")
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class FeedPeriod:
    """[first, end) business days, with the label files and signatures carry (2026-10 or 2026-10-31)."""

    kind: str  # "month" or "day"
    first: date
    end: date  # exclusive

    @property
    def last(self) -> date:
        return self.end - timedelta(days=1)

    @property
    def label(self) -> str:
        return self.first.isoformat() if self.kind == "day" else self.first.strftime("%Y-%m")


def month_period(text: str) -> FeedPeriod:
    """A month from 'YYYY-MM'; a malformed one names the field `month`."""
    match = MONTH.match(text.strip())
    if not match or not 1 <= int(match.group(2)) <= 12 or int(match.group(1)) < 2000:
        raise InvalidInput("the month must be written YYYY-MM, e.g. 2026-10; got %(text)s", field="month",
                           text=repr(text[:20]))
    month = Month(int(match.group(1)), int(match.group(2)))
    return FeedPeriod("month", month.first, month.next_first)


def day_period(text: str) -> FeedPeriod:
    """A business day from 'YYYY-MM-DD'; a malformed one names the field `day`."""
    try:
        day = date.fromisoformat(text.strip()) if DAY.match(text.strip()) else None
    except ValueError:
        day = None
    if day is None or day.year < 2000:
        raise InvalidInput("the day must be written YYYY-MM-DD, e.g. 2026-10-31; got %(text)s", field="day",
                           text=repr(text[:20]))
    return FeedPeriod("day", day, day + timedelta(days=1))


def chosen_period(month: str | None, day: str | None) -> FeedPeriod:
    """The period a command or a form asks for: a month, or a day (of that month, when both are given)."""
    if day:
        period = day_period(day)
        if month and period.first.strftime("%Y-%m") != month_period(month).label:
            raise InvalidInput("the day %(day)s is not in the month %(month)s", field="day",
                               day=period.label, month=month.strip())
        return period
    if month:
        return month_period(month)
    raise InvalidInput("say which month (YYYY-MM) or day (YYYY-MM-DD) the feed covers", field="month")


def require_closed(period: FeedPeriod, now: datetime, zone: str) -> None:
    """Refuse a period not over yet in the canteen's time zone: its meals are still being served."""
    today = local_date(now, zone)
    if period.end > today:
        what = N_("the month %(period)s is not closed yet: it ends on %(last)s (%(zone)s)") if period.kind == "month" \
            else N_("the day %(period)s is not over yet: it ends at midnight (%(zone)s)")
        raise Conflict(what, code="period_not_closed", period=period.label, last=period.last.isoformat(), zone=zone)
