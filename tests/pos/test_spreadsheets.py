"""Reading a spreadsheet with a header row, without the app."""
import io

import openpyxl
import pytest

from pos import spreadsheets
from pos.errors import InvalidInput
from pos.spreadsheets import Sheet

COLUMNS = {"name": ("姓名", "name"), "phone": ("电话", "phone")}


def find(rows, field=None):
    return spreadsheets.find_header(rows, COLUMNS, ("name",), key=str.lower, text=lambda v: str(v or "").strip(),
                                    join="、", field=field)


def test_gb18030_is_detected():
    text = "姓名,身份证号\n张桂兰,141002195003150011\n"
    assert spreadsheets.decode(text.encode("gb18030")) == text
    assert spreadsheets.decode(("\ufeff" + text).encode("utf-8")) == text


def test_the_header_may_sit_under_a_title_and_blank_rows_are_left_out():
    rows = [["名单"], ["序号", "Name", "电话"], ["1", "张桂兰", ""], ["", " ", ""], ["3", "李", "139"]]
    assert find(rows) == Sheet({"name": "Name", "phone": "电话"},
                               [(3, {"name": "张桂兰", "phone": ""}), (5, {"name": "李", "phone": "139"})])


@pytest.mark.parametrize(("rows", "message"), [
    ([["电话"]] * 11, "no header row with the columns 姓名 in the first 10 rows"),
    ([["姓名", "name"]], "the column name appears twice"),
])
def test_a_sheet_without_its_header_is_refused_naming_the_field_asked_for(rows, message):
    for field in (None, "file"):
        with pytest.raises(InvalidInput) as refused:
            find(rows, field)
        assert (refused.value.field, str(refused.value)) == (field, message)


def test_a_file_that_is_not_a_spreadsheet_is_refused():
    for suffix, data, message in ((".txt", b"", "only .csv and .xlsx files can be imported"),
                                  ("csv", b"\xff\xfe\x00", "the file is neither UTF-8 nor GB18030 text"),
                                  (".XLSX", b"not a zip", "cannot read the spreadsheet: File is not a zip file")):
        with pytest.raises(InvalidInput) as refused:
            spreadsheets.read_rows(suffix, data, field="file")
        assert (refused.value.field, str(refused.value)) == ("file", message)


def test_a_workbook_is_read_from_its_first_sheet_or_the_one_it_opens_on():
    book = openpyxl.Workbook()
    book.active.append(["first", 1.0])
    book.create_sheet("second").append(["second"])
    book.active = 1
    out = io.BytesIO()
    book.save(out)
    assert spreadsheets.read_rows("xlsx", out.getvalue()) == [["first", 1]]
    assert spreadsheets.read_rows(".xlsm", out.getvalue(), active_sheet=True) == [["second"]]
