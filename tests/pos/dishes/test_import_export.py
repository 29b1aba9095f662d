"""The catalog as a spreadsheet: export, import back, and a bad row that writes nothing and says where and why."""
from __future__ import annotations

import csv
import io
from datetime import date

import openpyxl
import pytest
from sqlalchemy import func, select

from pos.audit import Actor, AuditEntry
from pos.demo.loader import add_dishes
from pos.dishes import exporting, importing, services
from pos.dishes.details import DishIn
from pos.dishes.models import Dish, DishPrice
from pos.dishes.prices import price_on
from pos.dishes.sheet import read_sheet
from pos.errors import InvalidInput

TODAY, TOMORROW = date(2026, 12, 1), date(2026, 12, 2)
HEADER = "编码,菜名,英文名,类别,售价(元),在售,主料,食物类别,其他食物类别,粮食类型,做法,标签,过敏原,能量(千卡),蛋白质(克),脂肪(克),钠(毫克),成本(元),季节,餐次,炒锅分钟,备菜分钟"
FISH = "M90,清蒸鲈鱼,Steamed sea bass,荤菜,12.00,是,鲈鱼,鱼,,,蒸,软烂、少盐,鱼、大豆,180,22,8,380,6.50,,午餐、晚餐,0,20"
RICE = ",杂粮饭,Mixed-grain rice,主食,2,,杂粮,谷物,,粗粮,蒸,软烂,,220,6,1,5,0.80,全年,午餐、晚餐,0,5"
COMBO = "S01,两荤一素套餐,,套餐,15.00,是,,,,,,,,,,,,,,,,"


def sheet(*rows: str, name: str = "dishes.csv"):
    return read_sheet(name, ("\n".join(("菜品目录（2026年12月）", HEADER, *rows)) + "\n").encode("utf-8"))


@pytest.fixture
def manager(make) -> Actor:
    return Actor(staff_id=make.user("wang", role="manager").id)


def counts(database) -> tuple[int, int, int]:
    with database.unit_of_work() as session:
        return tuple(session.scalar(select(func.count()).select_from(table))  # type: ignore[return-value]
                     for table in (Dish, DishPrice, AuditEntry))


def test_a_good_file_adds_every_dish_with_its_attributes(database, manager):
    plan = importing.import_catalog(database, sheet(FISH, RICE, COMBO), TODAY, TOMORROW, manager)
    assert plan.problems == [] and [plan.count(k) for k in ("added", "changed", "repriced")] == [3, 0, 0]
    with database.unit_of_work() as session:
        fish = session.scalar(select(Dish).where(Dish.code == "M90"))
        assert (fish.name_en, fish.category, fish.attributes["flags"], fish.attributes["allergens"],
                fish.attributes["cost_fen"], fish.attributes["periods"]) == (
            "Steamed sea bass", "meat", "soft;low_salt", "fish;soy", "650", "LD")
        rice = session.scalar(select(Dish).where(Dish.name == "杂粮饭"))
        assert (rice.code, rice.attributes["grain"], rice.attributes["seasons"]) == (f"D{rice.id:05d}", "coarse", "")
        combo = session.scalar(select(Dish).where(Dish.code == "S01"))
        assert (combo.category, combo.attributes) == ("set", {})
        assert [price_on(session, d.id, TODAY) for d in (fish, rice, combo)] == [1200, 200, 1500]
        assert session.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "dish.added")) == 3


def test_a_bad_row_writes_nothing_and_names_row_column_and_reason(database, manager):
    make_first = importing.import_catalog(database, sheet(COMBO), TODAY, TOMORROW, manager)
    assert make_first.problems == []
    before = counts(database)
    bad_fish = FISH.replace("鱼、大豆", "鱼、花生酱")
    bad_rice = RICE.replace(",2,", ",-2,").replace("220", "二百")
    plan = importing.import_catalog(database, sheet(bad_fish, RICE.replace("主食", "点心"), bad_rice, COMBO),
                                    TODAY, TOMORROW, manager)
    problems = [(p.row, p.column, p.error.field, str(p.error)) for p in plan.problems]
    assert problems == [
        (3, "过敏原", "allergens", "花生酱 is not one of the choices on the list"),
        (4, "类别", "category", "点心 is not one of the choices on the list"),
        (5, "能量(千卡)", "kcal", "must be a whole number, 0 or more"),
        (5, "售价(元)", "price", "must be an amount in yuan, 0 or more, with at most two decimals, like 12.50"),
    ]
    assert counts(database) == before  # the good rows were not written either


def test_rules_of_the_whole_row_and_the_whole_file(database, manager):
    rows = (FISH, RICE.replace(",粗粮,", ",,"), FISH.replace("M90", "M91"),
            ",清炖萝卜,,汤,,,萝卜,其他蔬菜,,,炖,,,60,1,1,300,1.00,,午餐,0,5",
            FISH.replace("M90", "M92").replace("清蒸鲈鱼", "香煎鲈鱼").replace("鱼,,,蒸", "鱼,,粗粮,蒸"))
    with database.reader() as session:
        plan = importing.plan_import(session, sheet(*rows), TODAY, TOMORROW)
    assert [(p.row, p.column, str(p.error)) for p in plan.problems] == [
        (4, "粮食类型", "is needed for a staple or porridge, and only for them"),
        (5, "菜名", "is the same as in row 3"),
        (6, "售价(元)", "is required for a new dish"),
        (7, "粮食类型", "is needed for a staple or porridge, and only for them"),
    ]
    assert counts(database)[:2] == (0, 0)


def test_a_day_already_past_is_refused_for_the_whole_file(database, manager):
    before = counts(database)
    with pytest.raises(InvalidInput) as refused:
        importing.import_catalog(database, sheet(FISH), TODAY, date(2026, 11, 30), manager)
    assert refused.value.field == "effective_from"
    assert counts(database) == before


def test_export_then_import_changes_only_what_was_edited(database, manager):
    with database.unit_of_work() as session:
        add_dishes(session, since=date(2026, 1, 1))
    services.add_dish(database, DishIn(name="=HYPERLINK(\"http://x\")", category="other", code="X1"), 100, TODAY,
                      manager)
    services.add_unplanned_dish(database, "B1", "送餐上门", "", "delivery", 200, TODAY, manager)  # as the API adds
    with database.unit_of_work() as session:
        data, media_type = exporting.export_catalog(session, TODAY, "csv", "zh_CN")
    assert media_type == "text/csv; charset=utf-8" and data.startswith("\ufeff编码,菜名,".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == HEADER.split(",") + ["送餐费"]
    by_code = {r[0]: r for r in rows[1:]}
    assert by_code["B1"][3] == "delivery"  # a category of its own, kept as it is
    assert by_code["X1"][1] == "'=HYPERLINK(\"http://x\")"  # a spreadsheet shows it, never runs it
    assert by_code["M01"][:6] == ["M01", "清蒸鲈鱼", "Steamed sea bass", "荤菜", "12.00", "是"]
    assert by_code["M01"][11:13] == ["软烂、少盐、少油、少糖", "鱼、大豆、麸质（小麦）"]
    by_code["M01"][4] = "13.50"  # a new price
    by_code["M02"][12] = "大豆、麸质（小麦）"  # one allergen less
    by_code["M03"][5] = "否"  # off sale
    out = io.StringIO()
    csv.writer(out).writerows([rows[0], *by_code.values()])
    edited = read_sheet("dishes.csv", out.getvalue().encode("gb18030"))  # as Excel saves it on Chinese Windows
    plan = importing.import_catalog(database, edited, TODAY, TOMORROW, manager)
    assert plan.problems == []
    assert [plan.count(k) for k in ("added", "changed", "repriced", "on_sale")] == [0, 1, 1, 1]
    assert plan.count("unchanged") == len(by_code) - 3
    with database.unit_of_work() as session:
        m01, m02, m03, x1 = (session.scalar(select(Dish).where(Dish.code == c)) for c in ("M01", "M02", "M03", "X1"))
        assert (price_on(session, m01.id, TODAY), price_on(session, m01.id, TOMORROW)) == (1200, 1350)
        assert m02.attributes["allergens"] == "soy;gluten" and m03.active is False
        assert x1.name == "=HYPERLINK(\"http://x\")"  # read back without the apostrophe


def test_xlsx_round_trip_keeps_text_as_text(database, manager):
    services.add_dish(database, DishIn(name="=1+1", category="other", code="X1"), 250, TODAY, manager)
    with database.unit_of_work() as session:
        data, _ = exporting.export_catalog(session, TODAY, "xlsx", "en")
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet_ = book.active
    assert [c.value for c in sheet_[1]][:6] == ["code", "name", "name_en", "category", "price", "on_sale"]
    name, price = sheet_["B2"], sheet_["E2"]
    assert (name.value, name.data_type, float(price.value), price.number_format) == ("=1+1", "s", 2.5, "0.00")
    with database.reader() as session:
        plan = importing.plan_import(session, read_sheet("dishes.xlsx", data), TODAY, TOMORROW)
    assert plan.problems == [] and plan.count("unchanged") == 1


def test_a_file_that_is_not_a_catalog_is_refused(database):
    with pytest.raises(InvalidInput) as refused:
        read_sheet("dishes.csv", "名称,价格\n红烧肉,12\n".encode())
    assert (refused.value.field, str(refused.value)) == (
        "file", "no header row with the columns 菜名、类别 in the first 10 rows")
    with pytest.raises(InvalidInput) as refused:
        read_sheet("dishes.xlsx", b"not a zip")
    assert refused.value.field == "file"
    with pytest.raises(InvalidInput):
        read_sheet("dishes.txt", b"")
