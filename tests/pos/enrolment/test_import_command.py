"""`canteen residents import`: the CSV and XLSX lists community offices keep."""
from datetime import date, datetime

import pytest
from sqlalchemy import select

from pos.credentials.models import Card
from pos.residents.models import Resident
from tests.pos.residents.sheets import (
    HEADER_EN,
    HEADER_ZH,
    LI,
    WANG,
    ZHANG,
    ZHAO,
    li,
    stored,
    write_csv,
    write_xlsx,
    wrong_check,
    zhang,
)

ZHANG_STORED = {
    "name": "张桂兰", "phone": "13912345678", "address": "解放路12号",
    "area": ["山西省", "临汾市", "尧都区", "解放路街道", "新百汇社区"],
    "categories": [("dibao", date(2026, 1, 1), date(2026, 12, 31), "低保证 2026-001"),
                   ("living_alone", date(2026, 1, 1), date(2026, 12, 31), "低保证 2026-001")],
    "wallet": True,
}
LI_STORED = {
    "name": "李福贵", "phone": "", "address": "", "area": ["山西省", "临汾市", "尧都区", "解放路街道", "新百汇社区"],
    "categories": [("tekun", date(2026, 1, 1), None, "")], "wallet": True,
}


def run(runner, path, *options):
    return runner.invoke(args=["residents", "import", str(path), *options])


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_in_each_encoding_excel_writes(runner, database, tmp_path, encoding):
    path = write_csv(tmp_path / "名单.csv", [HEADER_ZH, zhang(), li()], encoding)
    result = run(runner, path)
    assert (result.exit_code, result.output) == (0, "imported 2 residents: 2 new, 0 updated\n")
    assert stored(database) == {ZHANG: ZHANG_STORED, LI: LI_STORED}


def test_english_headers(runner, database, tmp_path):
    path = write_csv(tmp_path / "list.csv", [HEADER_EN, zhang(categories="dibao living_alone"), li()])
    assert run(runner, path).output == "imported 2 residents: 2 new, 0 updated\n"
    assert stored(database) == {ZHANG: ZHANG_STORED, LI: LI_STORED}


def test_xlsx_with_title_row_date_cells_and_untidy_cells(runner, database, tmp_path):
    path = write_xlsx(tmp_path / "名单.xlsx", [
        ["新百汇社区老年助餐对象花名册"],
        HEADER_ZH,
        zhang(id_number=f" {ZHANG[:6]} {ZHANG[6:]} ".translate({ord(d): ord(d) + 0xFEE0 for d in "0123456789"}),
              phone=13912345678, valid_from=datetime(2026, 1, 1), valid_to=date(2026, 12, 31),
              categories=" 低保 ， 独居 ", name="　张桂兰 "),
        [],
        li(valid_from=datetime(2026, 1, 1)),
    ])
    result = run(runner, path)
    assert (result.exit_code, result.output) == (0, "imported 2 residents: 2 new, 0 updated\n")
    assert stored(database) == {ZHANG: ZHANG_STORED, LI: LI_STORED}


def bad_file(tmp_path):
    """Two good rows among five bad ones."""
    return write_csv(tmp_path / "名单.csv", [
        HEADER_ZH,
        zhang(),
        li(id_number=wrong_check(LI)),                                 # row 3
        li(id_number=WANG, valid_from="2026-02-30"),                   # row 4
        li(id_number=ZHAO, categories="低保、五保、孤老"),              # row 5
        li(id_number="1.41002195003150E+17"),                          # row 6
        li(),                                                          # row 7: good
        zhang(name="张桂兰（重复）"),                                   # row 8
    ])


def test_each_bad_row_is_reported_and_nothing_is_imported(en_runner, database, tmp_path):
    result = run(en_runner, bad_file(tmp_path))
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "row 3, 身份证号: the check character is wrong; please check the number again",
        "row 4, 类别起始日期: must be a date like 2026-11-28",
        "row 5, 补贴类别: unknown category 五保、孤老",
        "row 6, 身份证号: Excel turned it into a number, which loses digits; "
        "format the column as text and type the number again",
        "row 8, 身份证号: the same ID number is already in row 2",
        "nothing imported: 5 rows with problems; fix them, or use --skip-bad to import the other rows",
    ]
    assert stored(database) == {}


def test_reasons_are_in_chinese_by_default(runner, tmp_path):
    result = run(runner, bad_file(tmp_path))
    assert result.exit_code == 1
    report = result.output.splitlines()
    assert "身份证号" in report[0] and report[0].endswith("校验位不正确，请重新核对号码")
    assert report[1].endswith("必须是日期，如 2026-11-28")


def test_skip_bad_imports_the_good_rows(runner, database, tmp_path):
    result = run(runner, bad_file(tmp_path), "--skip-bad")
    assert result.exit_code == 0
    assert result.output.splitlines()[-1] == "imported 2 residents: 2 new, 0 updated; 5 rows skipped"
    assert len(result.output.splitlines()) == 6
    assert stored(database) == {ZHANG: ZHANG_STORED, LI: LI_STORED}


def test_dry_run_checks_and_writes_nothing(runner, database, tmp_path):
    good = write_csv(tmp_path / "good.csv", [HEADER_ZH, zhang(), li()])
    assert run(runner, good, "--dry-run").output == (
        "would import 2 residents: 2 new, 0 updated; dry run, nothing written\n")
    bad = run(runner, bad_file(tmp_path), "--dry-run", "--skip-bad")
    assert (bad.exit_code, bad.output.splitlines()[-1]) == (
        0, "would import 2 residents: 2 new, 0 updated; 5 rows skipped; dry run, nothing written")
    assert run(runner, bad_file(tmp_path), "--dry-run").exit_code == 1
    assert stored(database) == {}


def test_excel_number_cell_id_is_refused(en_runner, database, tmp_path):
    path = write_xlsx(tmp_path / "名单.xlsx", [HEADER_ZH, li(id_number=int(LI[:17] + "0")), zhang(id_number=1.41002e17)])
    result = run(en_runner, path)
    lost = "Excel turned it into a number, which loses digits; format the column as text and type the number again"
    assert result.output.splitlines()[:2] == [f"row 2, 身份证号: {lost}", f"row 3, 身份证号: {lost}"]
    assert stored(database) == {}


def test_reimport_updates_by_id_number(runner, database, tmp_path):
    run(runner, write_csv(tmp_path / "一月.csv", [HEADER_ZH, zhang(), li()]))
    again = write_csv(tmp_path / "二月.csv", [HEADER_ZH, zhang(phone="13800001111", categories="低保、独居、失能"),
                                             li(id_number=WANG, name="王秀英")])
    result = run(runner, again)
    assert result.output == "imported 2 residents: 1 new, 1 updated\n"
    residents = stored(database)
    assert list(residents) == [ZHANG, LI, WANG]
    assert residents[ZHANG]["phone"] == "13800001111"
    assert residents[ZHANG]["categories"] == [
        (code, date(2026, 1, 1), date(2026, 12, 31), "低保证 2026-001")
        for code in ("dibao", "living_alone", "disabled_care")]
    assert residents[LI] == LI_STORED


def test_columns_the_file_lacks_are_kept(runner, database, tmp_path):
    run(runner, write_csv(tmp_path / "full.csv", [HEADER_ZH, zhang()]))
    phones = write_csv(tmp_path / "phones.csv", [["姓名", "身份证号", "联系电话"], ["张桂兰", ZHANG, "0357-2345678"]])
    assert run(runner, phones).output == "imported 1 resident: 0 new, 1 updated\n"
    assert stored(database)[ZHANG] == ZHANG_STORED | {"phone": "0357-2345678"}


@pytest.mark.parametrize(("name", "content", "message"), [
    ("名单.xls", b"", "Error: only .csv and .xlsx files can be imported"),
    ("名单.csv", "姓名,电话\n张桂兰,139\n".encode(),
     "Error: no header row with the columns 姓名, 身份证号 in the first 10 rows"),
    ("名单.csv", "姓名,身份证号,身份证号码\n".encode(), "Error: the column 身份证号码 appears twice"),
    ("名单.xlsx", b"not a zip", "Error: cannot read the spreadsheet: File is not a zip file"),
])
def test_unreadable_files_are_refused(en_runner, tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    result = run(en_runner, path)
    assert (result.exit_code, result.output) == (1, message + "\n")


@pytest.fixture
def refuse_wang_after_saving(monkeypatch):
    """register_resident that writes 王秀英 and then refuses her, as a rule checked only when saving would."""
    from pos.errors import InvalidInput
    from pos.residents import imports

    real = imports.register_resident

    def register(session, data, actor):
        resident = real(session, data, actor)
        if data.name == "王秀英":
            raise InvalidInput("is required", field="name")
        return resident

    monkeypatch.setattr(imports, "register_resident", register)


def test_a_row_refused_while_saving_leaves_nothing_behind(en_runner, database, tmp_path, refuse_wang_after_saving):
    path = write_csv(tmp_path / "名单.csv", [HEADER_ZH, zhang(), li(id_number=WANG, name="王秀英"), li()])
    result = run(en_runner, path)
    assert (result.exit_code, result.output.splitlines()[0]) == (1, "row 3, 姓名: is required")
    assert stored(database) == {}
    skipping = run(en_runner, path, "--skip-bad")
    assert skipping.output.splitlines()[-1] == "imported 2 residents: 2 new, 0 updated; 1 row skipped"
    assert stored(database) == {ZHANG: ZHANG_STORED, LI: LI_STORED}


def test_with_cards_each_row_gets_its_card_and_a_card_in_use_stops_the_list(runner, database, tmp_path):
    path = write_csv(tmp_path / "名单.csv", [HEADER_ZH + ["卡号"], zhang() + ["04A1B2C3"], li() + ["04D5E6F7"]])
    result = run(runner, path, "--with-cards")
    assert (result.exit_code, result.output) == (0, "imported 2 residents: 2 new, 0 updated; 2 cards issued\n")
    with database.unit_of_work() as session:
        cards = session.execute(select(Resident.name, Card.uid, Card.status).join(Card, Card.resident_id == Resident.id)
                                .order_by(Card.uid)).all()
    assert cards == [("张桂兰", "04A1B2C3", "active"), ("李福贵", "04D5E6F7", "active")]
    wang = li(name="王秀英", id_number=WANG)
    taken = write_csv(tmp_path / "又一份.csv", [HEADER_ZH + ["卡号"], wang + ["04A1B2C3"]])
    refused = run(runner, taken, "--with-cards")
    assert refused.exit_code == 1
    assert refused.output.splitlines()[0] == "第2行 卡号：卡 04A1B2C3 已发给 张*兰(0010)"
    assert not stored(database).get(WANG)


def test_without_the_card_column_with_cards_is_refused(runner, tmp_path):
    path = write_csv(tmp_path / "名单.csv", [HEADER_ZH, zhang()])
    result = run(runner, path, "--with-cards")
    assert (result.exit_code, result.output) == (1, "Error: 名单中没有卡号列（卡号）\n")
