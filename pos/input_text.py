"""Text the canteen will take in: no control characters, and no longer than the column that keeps it.

One rule for the JSON API (`pos.api.parsing.text`), the page forms (the
`PlainText` validator) and the imports. Lengths are read from the model's
column, so a column changed in a migration cannot drift from its check;
PostgreSQL refuses a value too long for its column (SQLite keeps it), and
refuses NUL in any text, so both are stopped here, before anything is written.
"""
from __future__ import annotations

import re
from datetime import date

from wtforms.validators import ValidationError

from pos.errors import N_, InvalidInput

# Unicode's control characters: C0 (NUL to US), DEL and C1. A name is one line, so it holds none of them.
IN_A_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# A note may hold tabs and line breaks, written \n or, as a browser sends a textarea, \r\n.
IN_A_NOTE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)")
# Half of a UTF-16 pair, which JSON can carry as "\ud800": no database can store it.
SURROGATE = re.compile(r"[\ud800-\udfff]")
TOO_LONG = N_("must be text of at most %(n)s characters")
CONTROL = N_("must not contain control characters")
NOT_TEXT = N_("holds a character that cannot be stored")


def column_length(column: object) -> int:
    """The characters a String(n) column holds: `Model.name` or `Model.__table__.c.name`."""
    length = getattr(getattr(column, "type", None), "length", None)
    if not isinstance(length, int):
        raise TypeError(f"{column} is not a String(n) column")
    return length


def checked_text(value: str, max_len: int, field: str | None = None, multiline: bool = False) -> str:
    """`value` itself, or InvalidInput naming `field`: too long, or holding a control character."""
    if len(value) > max_len:
        raise InvalidInput(TOO_LONG, field=field, n=max_len)
    return without_control(value, field, multiline)


def without_control(value: str, field: str | None = None, multiline: bool = False) -> str:
    """`value` itself, or InvalidInput naming `field` when it holds a control character (or half a character)."""
    if (IN_A_NOTE if multiline else IN_A_LINE).search(value):
        raise InvalidInput(CONTROL, field=field)
    if SURROGATE.search(value):
        raise InvalidInput(NOT_TEXT, field=field)
    return value


class PlainText:
    """A form field's validator: at most `limit` characters (a number, or a String(n) column), no control
    characters (but tabs and line breaks when `multiline`)."""

    def __init__(self, limit: int | object, multiline: bool = False) -> None:
        self.max_len = limit if isinstance(limit, int) else column_length(limit)
        self.multiline = multiline

    def __call__(self, form: object, field: object) -> None:
        try:
            checked_text(getattr(field, "data", None) or "", self.max_len, multiline=self.multiline)
        except InvalidInput as exc:
            raise ValidationError(exc.reason()) from None


MAX_ID = 2**31 - 1  # what a database integer id holds


def typed_id(text: str | None, field: str) -> int | None:
    """An optional id typed or chosen on a page (a query string's text), or InvalidInput naming `field`."""
    value = (text or "").strip()
    if not value:
        return None
    if not value.isascii() or not value.isdigit() or not 1 <= int(value) <= MAX_ID:
        raise InvalidInput("must be a whole number from %(low)s to %(high)s", field=field, low=1, high=MAX_ID)
    return int(value)


def typed_day(text: str | None, field: str = "day") -> date | None:
    """An optional day typed as 2026-11-28, or InvalidInput naming `field`."""
    value = (text or "").strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidInput("must be a date like 2026-11-28", field=field) from None
