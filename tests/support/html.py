"""Reading server-rendered pages in tests: the text of an element, a table's cells, the forms (stdlib only)."""
from __future__ import annotations

import re
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Collector(HTMLParser):
    """Text of the element with id `target` (nested elements included), and its rows' cells if it is a table."""

    def __init__(self, target: str) -> None:
        super().__init__(convert_charrefs=True)
        self.target, self.depth = target, 0
        self.text: list[str] = []
        self.rows: list[list[str]] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if self.depth == 0 and dict(attrs).get("id") == self.target:
            self.depth = 1
            return
        if self.depth and tag in ("br", "li", "p", "div") and self.cell is not None:
            self.cell.append(" ")
        if self.depth and tag not in VOID:
            self.depth += 1
        if self.depth and tag == "tr":
            self.rows.append([])
        if self.depth and tag in ("td", "th"):
            self.cell = []

    def handle_endtag(self, tag):
        if not self.depth or tag in VOID:
            return
        if tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append(squash("".join(self.cell)))
            self.cell = None
        self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.text.append(data)
            if self.cell is not None:
                self.cell.append(data)


def squash(text: str) -> str:
    """Runs of white space as one space, trimmed."""
    return re.sub(r"\s+", " ", text).strip()


def text_of(page: str, element_id: str) -> str:
    """The text inside the element with this id (white space squashed); '' if there is none."""
    collector = _Collector(element_id)
    collector.feed(page)
    return squash(" ".join(collector.text))


def rows_of(page: str, table_id: str) -> list[list[str]]:
    """Every row of the table with this id, as its cells' text (header rows included)."""
    collector = _Collector(table_id)
    collector.feed(page)
    return [row for row in collector.rows if row]


def post_forms(page: str) -> list[str]:
    """The action of every form that posts, in the order they appear."""
    forms = re.findall(r"<form\b[^>]*>", page, flags=re.IGNORECASE)
    return [re.search(r'action="([^"]*)"', f).group(1) if 'action="' in f else ""
            for f in forms if re.search(r'method="post"', f, flags=re.IGNORECASE)]
