"""The streaming XLSX writer, read back with openpyxl."""

import datetime as dt

import pytest
from openpyxl import load_workbook

from receipts.xlsx_stream import Bold, Formula, XlsxWriter, Yuan, sheet_ref


def test_cells_read_back_with_their_types_and_formats(tmp_path):
    path = tmp_path / "t.xlsx"
    book = XlsxWriter(path)
    sheet = book.add_sheet("明细 <1>", (10, 20), freeze_header=True)
    sheet.row([Bold("名称"), Bold("金额")])
    sheet.row(["a & b < c \x1b", Yuan(-1205), dt.date(2026, 11, 1), 42, None, Formula("SUM(B2:B2)", yuan=True)])
    sheet.close()
    other = book.add_sheet("O'Brien")
    other.row([Formula(sheet_ref("明细 <1>", "B2"))])
    other.close()
    book.close()
    wb = load_workbook(path)
    ws = wb["明细 <1>"]
    assert wb.sheetnames == ["明细 <1>", "O'Brien"]
    assert ws.freeze_panes == "A2"
    assert ws["A1"].font.b and ws["A1"].value == "名称"
    assert [c.value for c in ws[2]] == ["a & b < c  ", -12.05, dt.datetime(2026, 11, 1), 42, None, "=SUM(B2:B2)"]
    assert (ws["B2"].number_format, ws["C2"].number_format, ws["F2"].number_format) == (
        "#,##0.00", "yyyy-mm-dd", "#,##0.00")
    assert ws.column_dimensions["B"].width == 20
    assert wb["O'Brien"]["A1"].value == "='明细 <1>'!B2"


def test_only_one_sheet_is_written_at_a_time(tmp_path):
    book = XlsxWriter(tmp_path / "t.xlsx")
    first, second = book.add_sheet("a"), book.add_sheet("b")
    first.row(["x"])
    with pytest.raises(RuntimeError, match="close sheet a before writing b"):
        second.row(["y"])
    first.close()
    book.close()


def test_booleans_and_floats_are_refused(tmp_path):
    book = XlsxWriter(tmp_path / "t.xlsx")
    sheet = book.add_sheet("a")
    for bad in (True, 1.5):
        with pytest.raises(TypeError, match="cannot write"):
            sheet.row([bad])
    sheet.close()
    book.close()
