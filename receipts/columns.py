"""Fixed-column text layout for thermal printers, where a Chinese character takes two columns."""

from __future__ import annotations

import unicodedata


def char_width(ch: str) -> int:
    """Return the printer columns one character takes: 0, 1 or 2."""
    if " " <= ch <= "~":
        return 1
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    # In the printer's Chinese mode every non-ASCII character is a multi-byte GB18030
    # code printed from the double-width Chinese font, whatever Unicode says it is.
    return 2


def display_width(text: str) -> int:
    """Return the printer columns text takes."""
    return sum(char_width(ch) for ch in text)


def clean(text: str) -> str:
    """Replace control characters so names from the database cannot inject printer commands."""
    return "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in text)


def wrap(text: str, width: int) -> list[str]:
    """Split text into lines of at most width columns, never splitting a wide character."""
    lines: list[str] = []
    line, used = "", 0
    for ch in text:
        w = char_width(ch)
        if used + w > width and line:
            lines.append(line)
            line, used = "", 0
        line += ch
        used += w
    lines.append(line)
    return lines


def pad_right(text: str, width: int) -> str:
    """Pad text with spaces on the right to width columns."""
    return text + " " * max(0, width - display_width(text))


def center(text: str, width: int) -> str:
    """Center text in width columns (left-biased, no trailing spaces)."""
    return " " * max(0, (width - display_width(text)) // 2) + text


def two_columns(left: str, right: str, width: int, gap: int = 1) -> list[str]:
    """Lay out left text and right-aligned right text; wrap left when both do not fit."""
    right_w = display_width(right)
    if display_width(left) + gap + right_w <= width:
        return [left + " " * (width - display_width(left) - right_w) + right]
    lines = wrap(left, width)
    last = lines[-1]
    if display_width(last) + gap + right_w <= width:
        lines[-1] = last + " " * (width - display_width(last) - right_w) + right
    else:
        lines.append(" " * max(0, width - right_w) + right)
    return lines
