"""A minimal streaming XLSX writer: rows go straight into the zip, a million rows in seconds.

openpyxl's write-only mode streams too but costs ~20 µs a cell (200 s for a 1.2 M-line claim);
this writes the same SpreadsheetML for the few cell kinds a claim needs. Read back with openpyxl.
"""

from __future__ import annotations

import os
import re
import zipfile
from dataclasses import dataclass
from datetime import date
from typing import IO, BinaryIO, Sequence
from xml.sax.saxutils import escape

from vocabulary.money import format_fen

from .xlsx_parts import content_types, root_rels, styles, workbook, workbook_rels

MAX_ROWS = 1_048_576  # Excel's limit per sheet
EPOCH = date(1899, 12, 30)  # Excel's day 0 (with its 1900 leap-year bug folded in)
PLAIN, DATE, YUAN, BOLD = 0, 1, 2, 3  # cellXfs indices in STYLES
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")  # not allowed in XML 1.0
_CACHE_LIMIT = 50_000


@dataclass(frozen=True)
class Yuan:
    """An amount shown in yuan with two decimals, stored exactly from fen."""

    fen: int


@dataclass(frozen=True)
class Formula:
    """A formula such as SUM(H2:H9) (no leading "="), shown in yuan if yuan is set."""

    expr: str
    yuan: bool = False


@dataclass(frozen=True)
class Bold:
    """Text in bold, for headers and total labels."""

    text: str


Cell = str | int | date | Yuan | Formula | Bold | None


class SheetWriter:
    """Streams one worksheet's rows into its zip entry."""

    def __init__(self, book: "XlsxWriter", title: str, widths: Sequence[float], freeze_header: bool) -> None:
        self.book, self.title, self.widths, self.freeze = book, title, widths, freeze_header
        self.rows = 0
        self._out: IO[bytes] | None = None
        self._strings: dict[str, str] = {}
        self._buffer: list[str] = []

    def _open(self) -> IO[bytes]:
        out = self._out = self.book._open_entry(self)
        panes = ('<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
                 'activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>') if self.freeze else ""
        cols = "".join(f'<col min="{i + 1}" max="{i + 1}" width="{w}" customWidth="1"/>'
                       for i, w in enumerate(self.widths))
        out.write(('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="'
                   'http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                   f'{panes}{"<cols>" + cols + "</cols>" if cols else ""}<sheetData>').encode())
        return out

    def _text(self, s: str) -> str:
        hit = self._strings.get(s)
        if hit is None:
            if len(self._strings) >= _CACHE_LIMIT:
                self._strings.clear()
            hit = self._strings[s] = escape(_ILLEGAL.sub(" ", s))
        return hit

    def _cell(self, v: Cell) -> str:
        # Cells carry no r="A1" reference: they are positional, which the format allows,
        # so an empty cell must still be written as <c/>.
        # Exact type checks, not isinstance: a bool is not written as an int, nor a datetime as a date.
        # `type(v) is ...` written out each time lets mypy narrow v (and is no slower than a local).
        if type(v) is str:
            return f'<c t="inlineStr"><is><t xml:space="preserve">{self._text(v)}</t></is></c>'
        if type(v) is Yuan:
            return f'<c s="{YUAN}"><v>{format_fen(v.fen)}</v></c>'
        if type(v) is date:
            return f'<c s="{DATE}"><v>{(v - EPOCH).days}</v></c>'
        if type(v) is int:
            return f"<c><v>{v}</v></c>"
        if v is None:
            return "<c/>"
        if type(v) is Formula:
            style = f' s="{YUAN}"' if v.yuan else ""
            return f"<c{style}><f>{escape(v.expr)}</f></c>"
        if type(v) is Bold:
            return f'<c s="{BOLD}" t="inlineStr"><is><t xml:space="preserve">{self._text(v.text)}</t></is></c>'
        raise TypeError(f"cannot write {type(v).__name__} to a cell")

    def row(self, cells: Sequence[Cell]) -> int:
        """Append a row and return its 1-based row number."""
        out = self._out
        if out is None:
            out = self._open()
        if self.rows >= MAX_ROWS:
            raise ValueError(f"sheet {self.title} is full ({MAX_ROWS} rows)")
        self.rows += 1
        cell = self._cell
        self._buffer.append(f'<row r="{self.rows}">{"".join([cell(v) for v in cells])}</row>')
        if len(self._buffer) >= 1000:  # one zip write per thousand rows, not per row
            self._flush(out)
        return self.rows

    def _flush(self, out: IO[bytes]) -> None:
        out.write("".join(self._buffer).encode())
        self._buffer.clear()

    def close(self) -> None:
        """Finish the worksheet's XML."""
        out = self._out or self._open()
        self._flush(out)
        out.write(b"</sheetData></worksheet>")
        out.close()
        self.book._active = None


class XlsxWriter:
    """A workbook written sheet by sheet; tabs appear in the order sheets were added."""

    def __init__(self, out: str | os.PathLike[str] | BinaryIO) -> None:
        # Level 1: the XML is very repetitive, higher levels cost time for little size.
        self._zip = zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1)
        self.sheets: list[SheetWriter] = []
        self._active: SheetWriter | None = None

    def add_sheet(self, title: str, widths: Sequence[float] = (), freeze_header: bool = False) -> SheetWriter:
        """Add a sheet; write its rows (only one sheet at a time) and close it."""
        sheet = SheetWriter(self, title, widths, freeze_header)
        self.sheets.append(sheet)
        return sheet

    def _open_entry(self, sheet: SheetWriter) -> IO[bytes]:
        if self._active is not None:
            raise RuntimeError(f"close sheet {self._active.title} before writing {sheet.title}")
        self._active = sheet
        return self._zip.open(f"xl/worksheets/sheet{self.sheets.index(sheet) + 1}.xml", "w", force_zip64=True)

    def abort(self) -> None:
        """Close the zip after a failure; the file is incomplete and must be discarded."""
        if self._active is not None and self._active._out is not None:
            self._active._out.close()
        self._active = None
        self._zip.close()

    def close(self) -> None:
        """Write the workbook parts and close the zip."""
        titles = [s.title for s in self.sheets]
        parts = (("[Content_Types].xml", content_types(len(titles))), ("_rels/.rels", root_rels()),
                 ("xl/workbook.xml", workbook(titles)), ("xl/_rels/workbook.xml.rels", workbook_rels(len(titles))),
                 ("xl/styles.xml", styles()))
        for name, xml in parts:
            self._zip.writestr(name, xml)
        self._zip.close()


def sheet_ref(title: str, ref: str) -> str:
    """A reference to a cell on another sheet, e.g. '明细1'!H9."""
    quoted = title.replace("'", "''")
    return f"'{quoted}'!{ref}"
