"""docs/feed.md lists every field the files carry, in their order, with the Chinese label, type and meaning the
code writes; and every setting the feed reads."""
from __future__ import annotations

import re
from pathlib import Path

from pos.config import SETTINGS
from pos.feed.schema import RECORD_FIELDS, TOTAL_FIELDS

DOC = (Path(__file__).parents[3] / "docs" / "feed.md").read_text(encoding="utf-8")


def table_after(heading: str) -> list[tuple[str, ...]]:
    """The rows of the field table in the section under `heading`."""
    section = DOC.split(heading, 1)[1].split("\n## ", 1)[0]
    return [tuple(cell.strip() for cell in row.strip("|").split(" | "))
            for row in re.findall(r"^\| `[a-z_]+` \|.*\|$", section, re.M)]


def rows(fields) -> list[tuple[str, ...]]:
    return [(f"`{f.name}`", f.label_zh, f.type, f.meaning) for f in fields]


def test_the_record_and_total_fields_are_documented_as_written():
    assert table_after("## Service records") == rows(RECORD_FIELDS)
    assert table_after("## Totals") == rows(TOTAL_FIELDS)


def test_the_settings_are_documented():
    for name in ("CANTEEN_FEED_KEY", "CANTEEN_FEED_ID_NUMBERS", "CANTEEN_FEED_URL"):
        assert name in SETTINGS and f"| `{name}` |" in DOC
