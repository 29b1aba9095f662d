"""One rule for text taken in: no control characters, no longer than its column (pos/input_text.py)."""
from __future__ import annotations

import pytest

from pos.errors import InvalidInput
from pos.input_text import checked_text, column_length
from pos.residents.models import Resident


def refusal(value: str, max_len: int = 10, multiline: bool = False) -> str | None:
    try:
        checked_text(value, max_len, "note", multiline)
    except InvalidInput as exc:
        return str(exc)
    return None


def test_lengths_are_the_columns():
    assert (column_length(Resident.name), column_length(Resident.__table__.c.address)) == (60, 200)
    with pytest.raises(TypeError):
        column_length(Resident.birth_date)


@pytest.mark.parametrize(("value", "line", "note"), [
    ("王秀英", None, None),
    ("王秀英" * 4, "must be text of at most 10 characters", "must be text of at most 10 characters"),
    ("王\x00秀英", "must not contain control characters", "must not contain control characters"),
    ("王\x1b[2J", "must not contain control characters", "must not contain control characters"),
    ("王\x85秀英", "must not contain control characters", "must not contain control characters"),  # C1
    ("王\x7f", "must not contain control characters", "must not contain control characters"),
    ("一\n二\t三", "must not contain control characters", None),
    ("一\r\n二", "must not contain control characters", None),  # a browser's textarea
    ("一\r二", "must not contain control characters", "must not contain control characters"),
    ("王\ud800", "holds a character that cannot be stored", "holds a character that cannot be stored"),
])
def test_a_line_holds_no_control_character_and_a_note_only_tabs_and_line_breaks(value, line, note):
    assert (refusal(value), refusal(value, multiline=True)) == (line, note)
