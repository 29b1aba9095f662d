"""A4 documents drawn straight onto a reportlab canvas, page by page, so long tables stream."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import BinaryIO, Iterable, Sequence

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from .fonts import register_cjk_font
from .pdfrows import StreamTable

Output = str | os.PathLike[str] | BinaryIO


def canvas_target(out: Output) -> str | BinaryIO:
    """reportlab takes a str path or a binary file, not a Path."""
    return os.fspath(out) if isinstance(out, os.PathLike) else out


@dataclass(frozen=True)
class Column:
    """A table column: title, left edge and width in points, alignment."""

    title: str
    x: float
    width: float
    align: str = "left"  # "left" or "right"


class PageWriter:
    """Writes lines and tables top-down, starting a new page (with a page number) when full."""

    def __init__(self, out: Output, title: str, pagesize: tuple[float, float] = A4,
                 margin: float = 15 * mm, font_path: str | os.PathLike[str] | None = None) -> None:
        self.font = register_cjk_font(font_path)
        self.canvas = Canvas(canvas_target(out), pagesize=pagesize, pageCompression=1, initialFontName=self.font)
        self.canvas.setTitle(title)
        self.width, self.height = pagesize
        self.margin, self.title, self.pages = margin, title, 1
        self.y = self.height - margin

    @property
    def right(self) -> float:
        return self.width - self.margin

    def _footer(self) -> None:
        self.canvas.setFont(self.font, 8)
        self.canvas.drawCentredString(self.width / 2, self.margin / 2, f"{self.title}  第 {self.pages} 页")

    def new_page(self) -> None:
        """Finish this page and start the next."""
        self._footer()
        self.canvas.showPage()
        self.pages += 1
        self.y = self.height - self.margin

    def ensure(self, height: float) -> None:
        """Start a new page unless height points still fit."""
        if self.y - height < self.margin:
            self.new_page()

    def space(self, height: float) -> None:
        """Leave vertical space."""
        self.y -= height

    def text(self, s: str, size: float = 10, align: str = "left", x: float | None = None) -> None:
        """Write one line of text."""
        self.ensure(size * 1.4)
        self.y -= size * 1.4
        self.canvas.setFont(self.font, size)
        if align == "center":
            self.canvas.drawCentredString(self.width / 2, self.y, s)
        elif align == "right":
            self.canvas.drawRightString(self.right, self.y, s)
        else:
            self.canvas.drawString(self.margin if x is None else x, self.y, s)

    def rule(self, width: float = 0.5) -> None:
        """Draw a horizontal line across the page."""
        self.canvas.setLineWidth(width)
        self.canvas.line(self.margin, self.y - 2, self.right, self.y - 2)
        self.y -= 4

    def row(self, columns: Sequence[Column], cells: Sequence[str], size: float = 9) -> None:
        """Write one table row with the ordinary canvas calls (for short tables)."""
        self.ensure(size * 1.5)
        self.y -= size * 1.5
        for col, cell in zip(columns, cells):
            # Shrink a cell that would run into the next column rather than cut its text.
            fit = min(size, size * col.width / max(1.0, self.string_width(cell, size)))
            self.canvas.setFont(self.font, max(fit, size * 0.6))
            if col.align == "right":
                self.canvas.drawRightString(col.x + col.width, self.y, cell)
            else:
                self.canvas.drawString(col.x, self.y, cell)

    def table(self, columns: Sequence[Column], rows: Iterable[Sequence[str]], size: float = 9) -> None:
        """Write a header and rows, repeating the header on each new page."""
        header = [c.title for c in columns]
        self.row(columns, header, size)
        self.rule()
        for cells in rows:
            if self.y - size * 1.5 < self.margin:
                self.new_page()
                self.row(columns, header, size)
                self.rule()
            self.row(columns, cells, size)

    def stream_table(self, columns: Sequence[Column], size: float = 7.5, limit: int | None = None) -> "StreamTable":
        """Start a long table that rows are pushed into; see StreamTable."""
        return StreamTable(self, columns, size, limit)

    def string_width(self, s: str, size: float) -> float:
        """Width of s in points in the document font."""
        return stringWidth(s, self.font, size)

    def save(self) -> int:
        """Finish the document and return its page count."""
        self._footer()
        self.canvas.save()
        return self.pages

