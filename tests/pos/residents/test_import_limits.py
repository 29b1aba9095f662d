"""An import names each cell holding a control character or more than its column keeps, and writes nothing."""
from __future__ import annotations

import pytest

from pos.errors import InvalidInput
from pos.residents import importing
from tests.pos.residents.sheets import HEADER_ZH, LI, WANG, ZHAO, li, stored, write_csv, zhang


def test_control_characters_and_cells_too_long_are_reported_by_row_and_column(en_runner, database, tmp_path):
    path = write_csv(tmp_path / "名单.csv", [
        HEADER_ZH,
        zhang(name="张\x00桂兰"),                                    # row 2: PostgreSQL refuses NUL in any text
        li(address="解放路" * 67 + "号"),                             # row 3: 202 characters, the column holds 200
        li(id_number=WANG, categories="低保\x1b[2J"),                 # row 4: an escape to clear a terminal
        li(id_number=ZHAO, community="新百汇社区\t第一\r\n网格"),      # row 5: a cell's line breaks are spaces
    ])
    result = en_runner.invoke(args=["residents", "import", str(path)])
    assert (result.exit_code, result.output.splitlines()) == (1, [
        "row 2, 姓名: must not contain control characters",
        "row 3, 住址: must be text of at most 200 characters",
        "row 4, 补贴类别: must not contain control characters",
        "nothing imported: 3 rows with problems; fix them, or use --skip-bad to import the other rows",
    ])
    assert stored(database) == {}
    skipping = en_runner.invoke(args=["residents", "import", str(path), "--skip-bad"])
    assert skipping.output.splitlines()[-1] == "imported 1 resident: 1 new, 0 updated; 3 rows skipped"
    assert stored(database)[ZHAO]["area"][-1] == "新百汇社区 第一 网格"
    assert LI not in stored(database)


def test_the_reasons_are_in_chinese_by_default(runner, database, tmp_path):
    path = write_csv(tmp_path / "名单.csv", [HEADER_ZH, zhang(name="张\x00桂兰"), li(address="解放路" * 67 + "号")])
    result = runner.invoke(args=["residents", "import", str(path)])
    assert result.output.splitlines()[:2] == ["第2行 姓名：不能包含控制字符", "第3行 住址：必须是不超过 200 个字符的文字"]
    assert stored(database) == {}


def test_a_phone_number_excel_kept_as_a_number_is_held_to_the_column_too():
    assert importing.phone_number(13912345678) == "13912345678"
    with pytest.raises(InvalidInput, match="^must be text of at most 20 characters$"):
        importing.phone_number(10**20)
