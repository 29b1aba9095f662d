"""Small readers of JSON fields that name the field when refusing it."""
from __future__ import annotations

import re
from datetime import date

from pos.errors import InvalidInput

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # NUL and the rest; a tab or a line break may stand in a note


def text(data: dict, field: str, required: bool = False, max_len: int = 200) -> str:
    """A string field."""
    value = data.get(field, "")
    if value is None:
        value = ""
    if not isinstance(value, str) or len(value) > max_len:
        raise InvalidInput("must be text of at most %(n)s characters", field=field, n=max_len)
    if CONTROL.search(value):
        raise InvalidInput("must not contain control characters", field=field)
    if required and not value.strip():
        raise InvalidInput("is required", field=field)
    return value


def day(data: dict, field: str, where: str | None = None) -> date | None:
    """An optional YYYY-MM-DD date."""
    value = data.get(field)
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise InvalidInput("must be a date like 2026-11-28", field=where or field) from None


def integer(data: dict, field: str, low: int, high: int) -> int:
    """A whole-number field in a range."""
    return whole(data.get(field), field, low, high)


def whole(value: object, field: str, low: int, high: int) -> int:
    """A whole number from low to high inclusive (JSON true is not 1, nor 1.0)."""
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidInput("must be a whole number from %(low)s to %(high)s", field=field, low=low, high=high)
    return value
