"""The claim's service counts and operating subsidy lines, in PDF, XLSX and CSV, read back."""
from __future__ import annotations

import csv

from openpyxl import load_workbook

from receipts.claim import CountLine, OperatingLine, ServiceCounts
from receipts.claim_csv import write_claim_csv
from receipts.claim_pdf import write_claim_pdf
from receipts.claim_xlsx import write_claim_xlsx
from tests.receipts.factories import claim_details, subsidy_claim
from tests.receipts.pdftools import pdf_lines

COUNTS = ServiceCounts(
    total=CountLine("", 9, 3, 6), walk_in_meals=2,
    by_category=(CountLine("低保", 5, 2, 4), CountLine("失能", 3, 1, 2), CountLine("一般老人", 2, 1, 2),
                 CountLine("散客", 2, 0, 0)),
    by_age_band=(CountLine("70–79岁", 6, 3, 5), CountLine("80–89岁", 1, 1, 1), CountLine("散客", 2, 0, 0)),
    by_channel=(CountLine("堂食", 5, 3, 3), CountLine("自取", 2, 1, 1), CountLine("送餐", 2, 2, 2)),
    by_meal_period=(CountLine("午餐", 8, 3, 6), CountLine("晚餐", 1, 1, 1)))
OPERATING = (OperatingLine("餐厅运营补贴", "人天", 6, 5, 300, "每月最多5人天(已达上限)", 1500, "2026.2"),)


def claim():
    return subsidy_claim(counts=COUNTS, operating=OPERATING)


def test_the_pdf_shows_the_counts_and_the_operating_line(tmp_path):
    path = tmp_path / "claim.pdf"
    assert write_claim_pdf(claim(), claim_details(), path) == 4
    assert pdf_lines(path, 2, 2) == [
        "服务人次统计(来自服务记录)", "用餐人次:9 服务人数:3 服务人天:6 其中散客人次:2",
        "按类别 人次 人数 人天", "低保 5 2 4", "失能 3 1 2", "一般老人 2 1 2", "散客 2 0 0", "合计(不重复) 9 3 6",
        "按年龄段 人次 人数 人天", "70–79岁 6 3 5", "80–89岁 1 1 1", "散客 2 0 0", "合计(不重复) 9 3 6",
        "按渠道 人次 人数 人天", "堂食 5 3 3", "自取 2 1 1", "送餐 2 2 2", "合计(不重复) 9 3 6",
        "按餐次 人次 人数 人天", "午餐 8 3 6", "晚餐 1 1 1", "合计(不重复) 9 3 6",
        *COUNTS.note,
        "运营补贴(按人天/人次付给餐厅,另行结算,不含在上述餐费补贴内)", "项目 计算基数 上限 金额(元)",
        "餐厅运营补贴 6人天,计付5人天 × 3.00元 每月最多5人天(已达上限) 15.00", "运营补贴合计:¥15.00",
        "补贴结算单 BT-202611-QU-001 第 2 页"]


def test_a_claim_without_counts_is_drawn_as_before(tmp_path):
    assert write_claim_pdf(subsidy_claim(), claim_details(), tmp_path / "claim.pdf") == 3


def test_the_workbook_has_a_counts_sheet(tmp_path):
    path = tmp_path / "claim.xlsx"
    write_claim_xlsx(claim(), claim_details(), path)
    book = load_workbook(path)
    rows = [tuple(c for c in r if c is not None) for r in book["服务统计"].iter_rows(values_only=True)]
    assert rows[1:5] == [("用餐人次", 9), ("服务人数", 3), ("服务人天", 6), ("其中散客人次", 2)]
    assert ("低保", 5, 2, 4) in rows and ("合计(不重复)", 9, 3, 6) in rows
    assert rows[-2][:3] == ("餐厅运营补贴(人天)", 6, 5) and float(rows[-2][5]) == 15.0 and float(rows[-1][1]) == 15.0
    assert book.sheetnames == ["汇总", "明细1", "调整", "服务统计"]


def test_the_csv_ends_with_the_counts_and_the_operating_line(tmp_path):
    path = tmp_path / "claim.csv"
    write_claim_csv(claim(), claim_details(), path)
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    block = rows[rows.index([]) + 1:]
    assert block[:3] == [["统计", "分组", "项目", "人次", "人数", "人天"], ["统计", "合计", "合计(不重复)", "9", "3", "6"],
                         ["统计", "按类别", "低保", "5", "2", "4"]]
    assert block[-2:] == [["运营补贴", "项目", "单位", "统计数", "计付数", "标准(元)", "上限", "金额(元)"],
                          ["运营补贴", "餐厅运营补贴", "人天", "6", "5", "3.00", "每月最多5人天(已达上限)", "15.00"]]
