"""Daily closing, resident statement and menu poster PDFs read back with pdftotext."""

from datetime import date, datetime, timedelta

import pytest

from receipts.claim import Tally
from receipts.closing import DailyClosing, ShiftTakings, write_daily_closing_pdf
from receipts.menu_poster import Dish, MenuDay, WeeklyMenu, write_menu_poster_pdf
from receipts.resident_statement import (
    EntryKind,
    ResidentStatement,
    StatementEntry,
    write_resident_statement_pdf,
)
from tests.receipts.pdftools import pdf_fonts, pdf_lines, pdf_page_size

EMBEDDED = [("AAAAAA+WenQuanYiMicroHei-0", "yes")]


def closing() -> DailyClosing:
    morning = ShiftTakings("早班 王芳", 120, 80, 144000, 40000, 90000, 10000, 4000, 20000, 5000, 2, 2400, 50000, 49800)
    evening = ShiftTakings("晚班 李强", 60, 30, 72000, 15000, 50000, 5000, 2000, 0, 0, 0, 0, 25000, 25000)
    return DailyClosing("新百汇社区便民餐厅", date(2026, 11, 28), "赵*", datetime(2026, 11, 28, 20, 5),
                        (morning, evening), (Tally("低保", 70, 35000), Tally("高龄80+", 40, 20000)))


def test_daily_closing(tmp_path):
    path = tmp_path / "closing.pdf"
    assert write_daily_closing_pdf(closing(), path) == 1
    assert pdf_lines(path) == [
        "新百汇社区便民餐厅 日结单", "营业日:2026-11-28 结账人:赵* 结账时间:2026-11-28 20:05",
        "项目(金额:元) 早班 王芳 晚班 李强 全天合计", "用餐人次 120 60 180", "补贴人次 80 30 110",
        "消费金额 1440.00 720.00 2160.00", "补贴金额 400.00 150.00 550.00", "钱包支付 900.00 500.00 1400.00",
        "现金收款 100.00 50.00 150.00", "移动支付 40.00 20.00 60.00", "充值(现金) 200.00 0.00 200.00",
        "充值(移动) 50.00 0.00 50.00", "作废笔数 2 0 2", "作废金额 24.00 0.00 24.00",
        "应有现金 500.00 250.00 750.00", "实点现金 498.00 250.00 748.00", "现金差额 -2.00 0.00 -2.00",
        "补贴类别 人次 金额(元)", "低保 70 350.00", "高龄80+ 40 200.00",
        "收银员签字:__________ 店长签字:__________", "日结单 2026-11-28 第 1 页"]
    assert pdf_fonts(path) == EMBEDDED


def test_cash_nobody_counted_is_uncounted_not_a_zero_difference(tmp_path):
    counted = closing().shifts[0]
    outside = ShiftTakings("班次外", 3, 0, 3600, 0, 0, 3600, 0, 0, 0, 0, 0, 3600, None)
    day = DailyClosing("新百汇社区便民餐厅", date(2026, 11, 28), "赵*", datetime(2026, 11, 28, 20, 5),
                       (counted, outside))
    assert (outside.cash_counted_fen, outside.cash_difference_fen, outside.cash_uncounted_fen) == (None, None, 3600)
    total = day.day_total
    assert (total.cash_expected_fen, total.cash_counted_fen, total.cash_difference_fen, total.cash_uncounted_fen) == (
        53600, 49800, -200, 3600)
    path = tmp_path / "closing.pdf"
    write_daily_closing_pdf(day, path)
    assert pdf_lines(path)[-6:-2] == ["应有现金 500.00 36.00 536.00", "实点现金 498.00 未清点 498.00",
                                      "现金差额 -2.00 未清点 -2.00", "未清点现金 0.00 36.00 36.00"]


def statement() -> ResidentStatement:
    entries = (
        StatementEntry(datetime(2026, 11, 2, 9, 0), EntryKind.TOPUP, "现金", 10000, 15000),
        StatementEntry(datetime(2026, 11, 2, 11, 40), EntryKind.MEAL, "午餐 一荤两素", -1000, 14000, 1500, 500),
        StatementEntry(datetime(2026, 11, 3, 11, 40), EntryKind.MEAL, "午餐 一荤两素", -1000, 13000, 1500, 500),
        StatementEntry(datetime(2026, 11, 3, 15, 0), EntryKind.REFUND, "午餐退单 S20261103-0002", 1000, 14000),
    )
    return ResidentStatement("新百汇社区便民餐厅", "张*华", "**************1234", date(2026, 11, 1),
                             date(2026, 11, 30), 5000, entries, 14000)


def test_resident_statement(tmp_path):
    path = tmp_path / "statement.pdf"
    assert write_resident_statement_pdf(statement(), path) == 1
    assert pdf_lines(path) == [
        "新百汇社区便民餐厅", "助餐账户月度对账单 2026年11月", "姓名:张*华 证件号:**************1234",
        "期间:2026-11-01 至 2026-11-30", "上月结余:¥50.00", "本月充值:¥100.00", "本月用餐 2 次,自付:¥20.00",
        "政府补贴(不从余额扣):¥10.00", "退款:¥10.00", "本月结余:¥140.00", "日期 项目 补贴 金额 余额",
        "11-02 09:00 充值 现金 100.00 150.00", "11-02 11:40 用餐 午餐 一荤两素 5.00 -10.00 140.00",
        "11-03 11:40 用餐 午餐 一荤两素 5.00 -10.00 130.00", "11-03 15:00 退款 午餐退单 S20261103-0002 10.00 140.00",
        "如有疑问请到餐厅服务台或拨打社区电话咨询。", "张*华 对账单 第 1 页"]
    assert pdf_fonts(path) == EMBEDDED


def test_statement_that_does_not_balance_is_refused():
    with pytest.raises(ValueError, match="does not balance"):
        ResidentStatement("餐厅", "张*华", "1401**1234", date(2026, 11, 1), date(2026, 11, 30), 5000, (), 5001)


def week() -> WeeklyMenu:
    lunch = (Dish("清蒸鲈鱼", ("软烂", "低盐")), Dish("宫保鸡丁", ("含花生",)), Dish("蒜蓉西兰花"))
    days = tuple(MenuDay(date(2026, 11, 30) + timedelta(days=i),
                         {"早餐": (Dish(f"小米粥{i + 1}", ("软烂",)),), "午餐": lunch}) for i in range(7))
    return WeeklyMenu("新百汇社区便民餐厅", ("早餐", "午餐", "晚餐"), days)


def test_menu_poster(tmp_path):
    path = tmp_path / "menu.pdf"
    write_menu_poster_pdf(week(), path)
    width, height = pdf_page_size(path)
    assert (round(width), round(height)) == (842, 595)  # A4 landscape
    lines = pdf_lines(path)
    assert lines[:3] == ["新百汇社区便民餐厅 一周菜单 11月30日-12月06日",
                         "周一 11/30 周二 12/01 周三 12/02 周四 12/03 周五 12/04 周六 12/05 周日 12/06",
                         "小米粥1 小米粥2 小米粥3 小米粥4 小米粥5 小米粥6 小米粥7"]
    assert " ".join(["[软烂] [低盐]"] * 7) in lines
    assert " ".join(["[含花生]"] * 7) in lines
    assert [p for p in ("早餐", "午餐", "晚餐") if any(line.split()[0] == p for line in lines)] == ["早餐", "午餐", "晚餐"]
    assert pdf_fonts(path) == EMBEDDED
