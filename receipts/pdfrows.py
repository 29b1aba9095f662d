"""Fast PDF text for very long tables: cell operators are encoded once and reused.

reportlab's public drawString costs ~15 µs a cell, too slow for a million rows; this
writes the same PDF operators it would, reusing TextObject's encoder for the
embedded TrueType subsets (a private method, so tests read the PDF back).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

if TYPE_CHECKING:
    from .pdfpage import Column, PageWriter

CACHE_LIMIT = 50_000  # unique values such as receipt numbers would otherwise fill memory


class _Code:
    """Ready PDF text operators, drawn through the canvas's public drawText."""

    def __init__(self, code: str) -> None:
        self.code = code

    def getCode(self) -> str:  # noqa: N802 - the name canvas.drawText calls
        return self.code


class RowEncoder:
    """Turns table rows into PDF text operators for one font and size."""

    def __init__(self, canvas: Canvas, font: str, size: float) -> None:
        self.canvas, self.font, self.size = canvas, font, size
        self._text = canvas.beginText()
        self._text.setFont(font, size)
        # (text, subset selected before it) -> (operators, subset selected after it, width)
        self._cache: dict[tuple[str, int], tuple[str, int, float]] = {}
        self._subset = -1  # no font selected yet in this page's text object

    def _cell(self, s: str) -> tuple[str, float]:
        key = (s, self._subset)
        hit = self._cache.get(key)
        if hit is None:
            if len(self._cache) >= CACHE_LIMIT:
                self._cache.clear()
            self._text._curSubset = self._subset  # so a font switch is written only when needed
            ops = self._text._formatText(s)
            hit = self._cache[key] = (ops, self._text._curSubset, stringWidth(s, self.font, self.size))
        self._subset = hit[1]
        return hit[0], hit[2]

    def row(self, columns: Sequence[Column], cells: Sequence[str], y: float) -> str:
        """Return the operators that draw cells at baseline y."""
        parts = []
        for col, s in zip(columns, cells):
            ops, width = self._cell(s)
            if width > col.width:  # squeeze a long label horizontally rather than overprint the next column
                parts.append(f"1 0 0 1 {col.x:.1f} {y:.1f} Tm {col.width / width * 100:.0f} Tz {ops} 100 Tz")
                continue
            x = col.x + col.width - width if col.align == "right" else col.x
            parts.append(f"1 0 0 1 {x:.1f} {y:.1f} Tm {ops}")
        return "\n".join(parts)

    def draw(self, rows: list[str]) -> None:
        """Put the rows of one page on the canvas as one text object."""
        if rows:
            self.canvas.drawText(_Code("BT\n" + "\n".join(rows) + "\nET"))
        self._subset = -1  # the next text object starts without a font


class StreamTable:
    """A long table drawn fast, one text object per page, with the header on every page.

    Rows past limit are counted but not drawn, so memory and time stay bounded.
    """

    def __init__(self, page: PageWriter, columns: Sequence[Column], size: float, limit: int | None) -> None:
        self.page, self.columns, self.size, self.limit = page, columns, size, limit
        self.encoder, self.leading = RowEncoder(page.canvas, page.font, size), size * 1.35
        self.count = 0
        self.ops: list[str] = []

    def add(self, cells: Sequence[str]) -> None:
        """Draw one row (unless past the limit)."""
        self.count += 1
        if self.limit is not None and self.count > self.limit:
            return
        page = self.page
        if not self.ops:
            page.table(self.columns, [], self.size)
        page.y -= self.leading
        self.ops.append(self.encoder.row(self.columns, cells, page.y))
        if page.y - self.leading < page.margin:
            self.encoder.draw(self.ops)
            self.ops = []
            page.new_page()

    def close(self) -> int:
        """Flush the last page's rows and return how many rows were added."""
        self.encoder.draw(self.ops)
        self.ops = []
        return self.count
