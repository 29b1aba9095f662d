"""Reading a spreadsheet with a header row (CSV or XLSX): its cells, its header, the rows that say something.

Shared by the imports (the resident list, the dish catalog); each says which headers it knows, which
columns it needs and how it reads a cell. No app, no database; a file that cannot be read is refused
with `InvalidInput` naming `field` (None: no field). Messages stay untranslated here.
"""
from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from pos.errors import CanteenError, InvalidInput

HEADER_SEARCH_ROWS = 10  # a title such as "XX社区助餐对象花名册" may sit above the header


@dataclass(frozen=True)
class Problem:
    """What is wrong in one cell: spreadsheet row, column header as written, the refusal."""

    row: int
    column: str
    error: CanteenError


@dataclass(frozen=True)
class Sheet:
    """The header (field -> header as written) and the rows that say something (row number, field -> cell)."""

    headers: dict[str, str]
    rows: list[tuple[int, dict[str, object]]]


def read_rows(suffix: str, data: bytes, *, field: str | None = None, active_sheet: bool = False) -> list[list[object]]:
    """The cells of a .csv or .xlsx file (`suffix` as ".csv" or "csv", any case), row by row.

    An XLSX file's first sheet is read, or the sheet it opens on when `active_sheet`."""
    suffix = suffix.lower().removeprefix(".")
    if suffix == "csv":
        return [list(row) for row in csv.reader(io.StringIO(decode(data, field=field)))]
    if suffix in ("xlsx", "xlsm"):
        return _xlsx_rows(data, field, active_sheet)
    raise InvalidInput("only .csv and .xlsx files can be imported", field=field)


def decode(data: bytes, *, field: str | None = None) -> str:
    """CSV text: UTF-8 (with or without BOM), else GB18030 as Excel on Chinese Windows saves it."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InvalidInput("the file is neither UTF-8 nor GB18030 text", field=field)


def _xlsx_rows(data: bytes, field: str | None, active_sheet: bool) -> list[list[object]]:
    """The cells of one sheet of the workbook, row by row (Excel dates as datetimes)."""
    import openpyxl  # here, not at the top: it is slow to load and only an import needs it
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise InvalidInput("cannot read the spreadsheet: %(reason)s", field=field, reason=str(exc)) from None
    try:
        sheet = book.active if active_sheet else book.worksheets[0]
        sheet.reset_dimensions()  # some programs record a wrong used range; read to the real end
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()


def find_header(rows: Sequence[Sequence[object]], columns: Mapping[str, Sequence[str]], required: Sequence[str], *,
                key: Callable[[str], str], text: Callable[[object], str], join: str, field: str | None = None,
                search_rows: int = HEADER_SEARCH_ROWS) -> Sheet:
    """Find the header row within the first `search_rows`, then keep the rows below it that say something.

    `columns`: field -> the headers it is known by (the first one named in the refusal); `required`: the
    fields the header must have; `text`: a cell as text; `key`: a header's text as compared; `join`: what
    separates the required columns in the refusal."""
    for index, cells in enumerate(rows[:search_rows]):
        found = _columns(cells, columns, key, text, field)
        if all(f in found for f in required):
            break
    else:
        raise InvalidInput("no header row with the columns %(columns)s in the first %(n)s rows", field=field,
                           columns=join.join(columns[f][0] for f in required), n=search_rows)
    headers = {f: text(rows[index][i]) for f, i in found.items()}
    body = [(number, {f: cells[i] for f, i in found.items() if i < len(cells)})
            for number, cells in enumerate(rows[index + 1:], start=index + 2)]
    return Sheet(headers, [(n, cells) for n, cells in body if any(text(v) for v in cells.values())])


def _columns(cells: Sequence[object], columns: Mapping[str, Sequence[str]], key: Callable[[str], str],
             text: Callable[[object], str], field: str | None) -> dict[str, int]:
    """Field -> column index for the headers we know; a column given twice is refused."""
    field_of = {key(h): f for f, names in columns.items() for h in names}
    found: dict[str, int] = {}
    for i, cell in enumerate(cells):
        name = field_of.get(key(text(cell)))
        if name in found:
            raise InvalidInput("the column %(column)s appears twice", field=field, column=text(cell))
        if name:
            found[name] = i
    return found
