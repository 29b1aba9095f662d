"""Reading and checking the rows of a resident list, without the app."""
from datetime import date, datetime

import pytest

from pos.errors import InvalidInput
from pos.residents import importing
from pos.residents.records import CategoryGrantIn, ResidentIn
from tests.pos.residents.sheets import HEADER_ZH, LI, ZHANG, li, write_csv, write_xlsx, wrong_check, zhang

KNOWN = {"低保": "dibao", "dibao": "dibao", "独居": "living_alone", "living_alone": "living_alone",
         "特困": "tekun", "tekun": "tekun"}
LOST = "Excel turned it into a number, which loses digits; format the column as text and type the number again"


def problems(rows):
    """(row, column, message) of every problem, in order."""
    return [(p.row, p.column, str(p.error)) for r in rows for p in r.problems]


@pytest.mark.parametrize("text", ["2026-01-01", "2026/1/1", "2026年1月1日", "2026.1.1", " 2026 年 1 月 1 日 ",
                                  "２０２６-０１-０１", datetime(2026, 1, 1, 0, 0), date(2026, 1, 1)])
def test_dates_as_offices_write_them(text):
    assert importing.day(text) == date(2026, 1, 1)


@pytest.mark.parametrize("text", ["2026-13-01", "2026-02-30", "1/1/2026", "明年", 46023])
def test_dates_that_are_not(text):
    with pytest.raises(InvalidInput, match="must be a date like 2026-11-28"):
        importing.day(text)


def test_blank_date_is_none():
    assert importing.day("  ") is None and importing.day(None) is None


@pytest.mark.parametrize("cell", ["低保、独居", "低保,独居", "低保，独居", "低保;独居", "低保；独居", "低保 独居",
                                  " 低保 、 独居、低保 ", "dibao LIVING_ALONE"])
def test_categories_in_one_cell(cell):
    assert importing.category_codes(cell, KNOWN) == ("dibao", "living_alone")


def test_unknown_categories_are_named():
    with pytest.raises(InvalidInput) as refused:
        importing.category_codes("低保、五保 孤老", KNOWN)
    assert (refused.value.message, refused.value.params) == ("unknown category %(category)s", {"category": "五保、孤老"})


def test_id_number_is_cleaned_then_checked_as_the_app_checks_it():
    untidy = " " + (ZHANG[:6] + "　" + ZHANG[6:]).translate({ord(d): ord(d) + 0xFEE0 for d in "0123456789"})
    assert importing.id_number(untidy) == ZHANG
    assert importing.id_number("'" + ZHANG.lower()) == ZHANG
    with pytest.raises(InvalidInput, match="the check character is wrong"):
        importing.id_number(wrong_check(ZHANG))
    with pytest.raises(InvalidInput, match="must be 18 characters"):
        importing.id_number("141002500315001")


@pytest.mark.parametrize("cell", ["1.41002195003150E+17", "1.41002E+17", "1.41002195003150e17",
                                  141002195003150000, 1.4100219500315e17])
def test_id_number_excel_made_a_number_of_is_refused(cell):
    with pytest.raises(InvalidInput) as refused:
        importing.id_number(cell)
    assert refused.value.message == LOST


@pytest.mark.parametrize(("cell", "phone"), [(13912345678, "13912345678"), (13912345678.0, "13912345678"),
                                             ("139 1234 5678", "13912345678"), ("0357-2345678", "0357-2345678"),
                                             (None, "")])
def test_phone_numbers(cell, phone):
    assert importing.phone_number(cell) == phone


def test_row_numbers_are_the_spreadsheets_past_title_and_blank_rows(tmp_path):
    path = write_xlsx(tmp_path / "名单.xlsx", [
        ["新百汇社区老年助餐对象花名册"], [], ["序号", *HEADER_ZH], [1, *zhang()], [], [2, *li()], [3], [4]])
    sheet = importing.read_sheet(path)
    assert sheet.headers["id_number"] == "身份证号"
    assert [number for number, _ in sheet.rows] == [4, 6]
    assert [r.resident.id_number for r in importing.parse_rows(sheet, KNOWN)] == [ZHANG, LI]


def test_a_row_becomes_a_resident_in(tmp_path):
    sheet = importing.read_sheet(write_csv(tmp_path / "名单.csv", [HEADER_ZH, zhang(valid_to="")]))
    [row] = importing.parse_rows(sheet, KNOWN)
    assert row == importing.ParsedRow(2, ResidentIn(
        name="张桂兰", id_number=ZHANG, phone="13912345678", address="解放路12号",
        area={"province": "山西省", "city": "临汾市", "district": "尧都区", "street": "解放路街道",
              "community": "新百汇社区"},
        categories=(CategoryGrantIn("dibao", date(2026, 1, 1), None, "低保证 2026-001"),
                    CategoryGrantIn("living_alone", date(2026, 1, 1), None, "低保证 2026-001"))))


def test_every_problem_of_a_row_is_reported(tmp_path):
    rows = [HEADER_ZH, zhang(name="", phone="1.39E+10", valid_from="2026-12-31", valid_to="2026-01-01"),
            li(address="很长" * 101, categories="低保、特困、五保")]
    parsed = importing.parse_rows(importing.read_sheet(write_csv(tmp_path / "名单.csv", rows)), KNOWN)
    assert [r.resident for r in parsed] == [None, None]
    assert problems(parsed) == [
        (2, "姓名", "is required"),
        (2, "联系电话", LOST),
        (2, "类别截止日期", "is before the start date"),
        (3, "住址", "must be text of at most 200 characters"),
        (3, "补贴类别", "unknown category 五保"),
    ]


def test_the_same_id_number_twice_is_refused_in_the_later_row(tmp_path):
    rows = [HEADER_ZH, zhang(), li(), zhang(name="张桂兰"), li(id_number=LI.lower())]
    parsed = importing.parse_rows(importing.read_sheet(write_csv(tmp_path / "名单.csv", rows)), KNOWN)
    assert problems(parsed) == [(4, "身份证号", "the same ID number is already in row 2"),
                                (5, "身份证号", "the same ID number is already in row 3")]

