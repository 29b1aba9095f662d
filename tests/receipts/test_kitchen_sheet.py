"""The kitchen sheet from plain data, read back with pdftotext: the counts, Chinese names, and a long list of
orders to watch that runs onto a second page with its header again."""

from datetime import date, datetime

from receipts.kitchen_sheet import DishLine, KitchenSheet, WatchOrder, write_kitchen_sheet_pdf
from tests.receipts.pdftools import pdf_fonts, pdf_lines, pdf_page_size

TEXTURES = ("普通", "软食", "碎食")
WHEN = datetime(2026, 12, 10, 9, 45)


def sheet(**changes) -> KitchenSheet:
    fields = {
        "canteen_name": "新百汇社区便民餐厅", "day": date(2026, 12, 10), "meal": "午餐", "textures": TEXTURES,
        "meals_by_texture": (31, 6, 3), "channels": (("堂食", 22), ("自取", 6), ("送餐", 12)),
        "dishes": (DishLine("红烧肉", (31, 6, 3)), DishLine("清炒油菜", (30, 5, 3)), DishLine("紫菜蛋花汤", (12, 1, 0))),
        "watch": (WatchOrder("王秀英", "送餐", ("低盐", "软食"), ("大豆",), ("红烧肉",)),
                  WatchOrder("李建国", "堂食", ("糖尿病",))),
        "printed_at": WHEN}
    return KitchenSheet(**(fields | changes))


def test_the_sheet_reads_back(tmp_path):
    path = tmp_path / "kitchen.pdf"
    assert write_kitchen_sheet_pdf(sheet(), path) == 1
    assert sheet().meals == 40
    assert pdf_lines(path) == [
        "新百汇社区便民餐厅 厨房备餐单", "2026-12-10 周四 午餐 共 40 份餐", "堂食 22 自取 6 送餐 12",
        "普通 31 软食 6 碎食 3", "菜品 合计 普通 软食 碎食", "红烧肉 40 31 6 3", "清炒油菜 38 30 5 3",
        "紫菜蛋花汤 13 12 1 0", "合计 91 73 12 6", "需留意的订单(2)", "居民 方式 饮食 过敏原 含其过敏原的菜",
        "王秀英 送餐 低盐、软食 大豆 红烧肉", "李建国 堂食 糖尿病 — —", "打印时间:2026-12-10 09:45",
        "厨房备餐单 2026-12-10 午餐 第 1 页"]
    assert [embedded for _name, embedded in pdf_fonts(path)] == ["yes"]
    assert pdf_page_size(path) == (595.276, 841.89)


def test_a_meal_without_orders(tmp_path):
    path = tmp_path / "empty.pdf"
    write_kitchen_sheet_pdf(sheet(meals_by_texture=(0, 0, 0), channels=(("堂食", 0),), dishes=(), watch=()), path)
    assert pdf_lines(path)[1:6] == ["2026-12-10 周四 午餐 共 0 份餐", "堂食 0", "普通 0 软食 0 碎食 0", "本餐没有订单。",
                                    "需留意的订单(0)"]


def test_a_long_watch_list_repeats_its_header(tmp_path):
    path = tmp_path / "long.pdf"
    watch = tuple(WatchOrder(f"居民{n:03d}", "送餐", ("软食",)) for n in range(60))
    assert write_kitchen_sheet_pdf(sheet(watch=watch), path) == 2
    second = pdf_lines(path, first=2, last=2)
    assert second[0] == "居民 方式 饮食 过敏原 含其过敏原的菜"
    rows = [line for line in pdf_lines(path) if line.startswith("居民0")]
    assert rows == [f"居民{n:03d} 送餐 软食 — —" for n in range(60)]
