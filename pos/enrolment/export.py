"""The residents list as an XLSX workbook (XlsxWriter, rows written as they come)."""
from __future__ import annotations

import io
from collections.abc import Iterable, Sequence

import xlsxwriter


def residents_xlsx(headers: Sequence[str], rows: Iterable[Sequence[object]], title: str) -> bytes:
    """One sheet: a bold header row frozen above the rows; every cell text or a number, never a formula."""
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"constant_memory": True, "strings_to_formulas": False,
                                     "strings_to_numbers": False, "strings_to_urls": False})
    sheet = book.add_worksheet(title[:31])
    bold, text = book.add_format({"bold": True}), book.add_format({"num_format": "@"})
    sheet.write_row(0, 0, headers, bold)
    sheet.freeze_panes(1, 0)
    for column, header in enumerate(headers):
        sheet.set_column(column, column, max(10, 2 * len(header) + 2), text)
    for number, row in enumerate(rows, start=1):
        for column, value in enumerate(row):
            if isinstance(value, (int, float)):
                sheet.write_number(number, column, value)
            else:
                sheet.write_string(number, column, "" if value is None else str(value))
    book.close()
    return out.getvalue()
