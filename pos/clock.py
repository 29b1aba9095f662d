"""Time: stored in UTC, shown and grouped into business days in the canteen's zone."""
from __future__ import annotations

from datetime import date, datetime, time, timezone
from zoneinfo import ZoneInfo


def utc_now() -> datetime:
    """Now, as an aware UTC datetime (what every service stores)."""
    return datetime.now(timezone.utc)


def as_utc(moment: datetime) -> datetime:
    """An aware UTC datetime; SQLite hands stored UTC values back naive."""
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)


def local_date(moment: datetime, zone: str) -> date:
    """The calendar day of a moment (stored UTC, maybe naive) in a time zone."""
    return as_utc(moment).astimezone(ZoneInfo(zone)).date()


def clock_time(moment: datetime, zone: str) -> str:
    """A moment's time of day in a time zone, as HH:MM."""
    return as_utc(moment).astimezone(ZoneInfo(zone)).strftime("%H:%M")


def utc_bounds(first: date, end: date, zone: str) -> tuple[datetime, datetime]:
    """[first, end) local days as UTC datetimes, for comparing stored timestamps."""
    tz = ZoneInfo(zone)
    start, stop = (datetime.combine(d, time(0), tz).astimezone(timezone.utc) for d in (first, end))
    return start, stop
