"""Small readers of JSON fields that name the field when refusing it."""
from __future__ import annotations

from datetime import date

from pos.errors import InvalidInput, amount_in_range
from pos.input_text import TOO_LONG, checked_text


def text(data: dict, field: str, required: bool = False, max_len: int = 200) -> str:
    """A string field."""
    value = data.get(field, "")
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise InvalidInput(TOO_LONG, field=field, n=max_len)
    checked_text(value, max_len, field, multiline=True)  # a tab or a line break may stand in a note
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


def fen(data: dict, field: str, low: int, high: int) -> int:
    """An amount of money in fen from low to high, refused with its range in yuan."""
    return amount_in_range(data.get(field), field, low, high)


def whole(value: object, field: str, low: int, high: int) -> int:
    """A whole number from low to high inclusive (JSON true is not 1, nor 1.0)."""
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidInput("must be a whole number from %(low)s to %(high)s", field=field, low=low, high=high)
    return value
