"""Months and business days: parsing, and their bounds in UTC for stored timestamps."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from pos.errors import InvalidInput

MONTH = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True)
class Month:
    """A calendar month such as 2026-11."""

    year: int
    month: int

    @property
    def first(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def next_first(self) -> date:
        """The first day of the following month (exclusive end)."""
        return date(self.year + self.month // 12, self.month % 12 + 1, 1)

    @property
    def last(self) -> date:
        return self.next_first - timedelta(days=1)

    @property
    def label(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    def previous(self) -> Month:
        """The month before this one."""
        return Month(self.year - (self.month == 1), 12 if self.month == 1 else self.month - 1)


def parse_month(text: object, field: str = "month") -> Month:
    """A month from 'YYYY-MM', or a 422 naming the field."""
    match = MONTH.match(str(text or "").strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise InvalidInput("must be a month written YYYY-MM, e.g. 2026-11", field=field)
    return Month(int(match.group(1)), int(match.group(2)))


def parse_day(text: object, field: str = "date") -> date:
    """A date from 'YYYY-MM-DD', or a 422 naming the field."""
    try:
        return date.fromisoformat(str(text or "").strip())
    except ValueError:
        raise InvalidInput("must be a date written YYYY-MM-DD", field=field) from None
