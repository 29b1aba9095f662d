"""When booking a meal closes: per meal period, a time on the day itself or on the day before.

Stored on the canteen as 'breakfast=1@19:00,lunch=0@09:30,dinner=0@14:00' (days before, then the local time).
The defaults: breakfast is cooked early, so it closes the evening before; lunch and dinner close in the morning
and early afternoon of the day, when the kitchen buys and prepares what was booked.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from vocabulary import MEAL_PERIODS

DEFAULT_CUTOFFS = "breakfast=1@19:00,lunch=0@09:30,dinner=0@14:00"
DAYS_BEFORE = (0, 1)  # the day itself, or the day before


@dataclass(frozen=True)
class Cutoff:
    """Booking for a meal closes `days_before` its day at local time `at`."""

    days_before: int
    at: time

    def closes(self, day: date, timezone: str) -> datetime:
        """The moment booking (and cancelling) the meal of `day` closes, timezone-aware."""
        return datetime.combine(day - timedelta(days=self.days_before), self.at, ZoneInfo(timezone))

    def text(self) -> str:
        return f"{self.days_before}@{self.at:%H:%M}"


def parse_cutoffs(text: str) -> dict[str, Cutoff]:
    """The cut-offs as stored; a period missing (or unreadable) takes its default."""
    cutoffs = dict(_read(DEFAULT_CUTOFFS))
    cutoffs.update(_read(text or ""))
    return cutoffs


def _read(text: str) -> list[tuple[str, Cutoff]]:
    found = []
    for part in filter(None, (p.strip() for p in text.split(","))):
        period, _, rest = part.partition("=")
        days, _, at = rest.partition("@")
        try:
            cutoff = Cutoff(int(days), time.fromisoformat(at))
        except ValueError:
            continue
        if period in MEAL_PERIODS and cutoff.days_before in DAYS_BEFORE:
            found.append((period, cutoff))
    return found


def format_cutoffs(cutoffs: dict[str, Cutoff]) -> str:
    """The cut-offs as the canteen's column stores them, in serving order."""
    return ",".join(f"{period}={cutoffs[period].text()}" for period in MEAL_PERIODS if period in cutoffs)
