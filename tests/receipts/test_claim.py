"""The monthly subsidy claim in PDF, XLSX and CSV, read back and checked to the fen."""

import csv
import datetime as dt
from dataclasses import replace
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from receipts import claim_xlsx as claim_xlsx_module
from receipts.claim import ClaimMismatch
from receipts.claim_csv import write_claim_csv as claim_csv
from receipts.claim_pdf import write_claim_pdf as claim_pdf
from receipts.claim_xlsx import write_claim_xlsx as claim_xlsx
from tests.receipts.factories import claim_details, subsidy_claim
from tests.receipts.pdftools import pdf_fonts, pdf_lines, pdf_pages
from tests.receipts.xlsxtools import value

FOOTER = "补贴结算单 BT-202611-QU-001 第 {} 页"
DETAIL_HEADER = "日期 小票号 居民 类别 餐次 补贴规则 政策版本 金额(元)"


def test_pdf_summary_page(tmp_path):
    path = tmp_path / "claim.pdf"
    assert claim_pdf(subsidy_claim(), claim_details(), path) == 3
    assert pdf_lines(path, 1, 1) == [
        "新百汇社区便民餐厅 补贴结算单", "结算对象:尧都区民政局 结算单号:BT-202611-QU-001",
        "结算期间:2026-11-01 至 2026-11-30 制表日期:2026-12-02",
        "用餐总人次:22 补贴人次:12 补贴金额:¥64.00", "调整金额:-¥5.00 本期应结算金额:¥59.00",
        "按类别 人次 金额(元)", "低保 4 20.00", "特困 4 32.00", "高龄80+ 4 12.00", "合计 12 64.00",
        "按年龄段 人次 金额(元)", "60-79岁 10 58.00", "80岁以上 2 6.00", "合计 12 64.00",
        "按餐次 人次 金额(元)", "午餐 6 32.00", "晚餐 6 32.00", "合计 12 64.00",
        "按渠道 人次 金额(元)", "堂食 12 64.00", "合计 12 64.00", FOOTER.format(1)]
    assert pdf_lines(path, 2, 2) == [
        "每日汇总", "每日补贴金额(元)", "20", "15", "10", "5", "0", "1 2 3",  # the bar chart's axes
        "日期 人次 金额(元)", "2026-11-01 4 21.00", "2026-11-02 4 24.00", "2026-11-03 4 19.00", FOOTER.format(2)]
    assert pdf_fonts(path) == [("AAAAAA+WenQuanYiMicroHei-0", "yes")]


def test_pdf_detail_adjustments_and_signatures(tmp_path):
    path = tmp_path / "claim.pdf"
    claim_pdf(subsidy_claim(), claim_details(), path)
    lines = pdf_lines(path, 3, 3)
    assert lines[:4] == ["补贴明细", DETAIL_HEADER, "2026-11-01 S20261101-0001 李*0 低保 午餐 低保定额 2026.1 5.00",
                         "2026-11-01 S20261101-0002 李*1 特困 晚餐 特困定额 2026.1 8.00"]
    assert lines[13:] == [
        "2026-11-03 S20261103-0004 李*1 高龄80+ 晚餐 高龄80+定额 2026.1 3.00", "明细合计:12 笔 金额:¥64.00",
        "调整(前期已结算后作废的消费,冲减本期)", "日期 小票号 居民 类别 餐次 补贴规则 政策版本 原结算单号 金额(元)",
        "2026-10-30 S20261030-0007 王*明 低保 午餐 低保定额 2026.1 BT-202610-QU-001 -5.00",
        "调整合计:1 笔 金额:-¥5.00", "本期应结算金额:¥59.00", "制表人:刘* 审核人:__________", "单位盖章:",
        "日期: 年 月 日", FOOTER.format(3)]


def test_pdf_long_detail_repeats_the_header_on_every_page(tmp_path):
    path = tmp_path / "claim.pdf"
    claim = subsidy_claim(days=10, per_day=30)
    pages = claim_pdf(claim, claim_details(10, 30), path)
    assert pages == pdf_pages(path) == 7
    lines = [line for p in range(3, pages + 1) for line in pdf_lines(path, p, p)]
    rows = [line for line in lines if line.startswith("2026-11-")]
    assert len(rows) == 300
    assert rows[0].startswith("2026-11-01 S20261101-0001") and rows[-1].startswith("2026-11-10 S20261110-0030")
    assert lines.count(DETAIL_HEADER) == pages - 2  # one per detail page
    assert "明细合计:300 笔 金额:¥1600.00" in lines


def test_pdf_without_details_points_to_the_spreadsheet(tmp_path):
    path = tmp_path / "claim.pdf"
    assert claim_pdf(subsidy_claim(), claim_details(), path, detail_limit=0) == 3
    assert pdf_lines(path, 3, 3)[:4] == ["补贴明细", "逐笔明细共 12 笔,见同一结算单的 XLSX / CSV 文件。",
                                         "明细合计:12 笔 金额:¥64.00", "调整(前期已结算后作废的消费,冲减本期)"]


def test_pdf_draws_at_most_the_limit_but_totals_every_line(tmp_path):
    path = tmp_path / "claim.pdf"
    claim_pdf(subsidy_claim(), claim_details(), path, detail_limit=5)
    lines = pdf_lines(path, 3, 3)
    assert lines[1:8] == [
        DETAIL_HEADER, "2026-11-01 S20261101-0001 李*0 低保 午餐 低保定额 2026.1 5.00",
        "2026-11-01 S20261101-0002 李*1 特困 晚餐 特困定额 2026.1 8.00",
        "2026-11-01 S20261101-0003 李*2 高龄80+ 午餐 高龄80+定额 2026.1 3.00",
        "2026-11-01 S20261101-0004 李*3 低保 晚餐 低保定额 2026.1 5.00",
        "2026-11-02 S20261102-0001 李*4 特困 午餐 特困定额 2026.1 8.00",
        "以上列出前 5 笔;全部 12 笔逐笔明细见同一结算单的 XLSX / CSV 文件。"]
    assert lines[8] == "明细合计:12 笔 金额:¥64.00"


@pytest.mark.parametrize("render", [claim_pdf, claim_xlsx, claim_csv])
def test_details_that_do_not_match_the_summary_are_refused(tmp_path, render):
    with pytest.raises(ClaimMismatch, match="12 detail lines sum to 6400 fen, summary says 6401"):
        render(subsidy_claim(subsidy_fen=6401), claim_details(), tmp_path / "out")


def test_xlsx_summary_totals_are_working_formulas(tmp_path):
    path = tmp_path / "claim.xlsx"
    claim_xlsx(subsidy_claim(), claim_details(), path)
    wb = load_workbook(path)
    assert wb.sheetnames == ["汇总", "明细1", "调整"]
    summary = wb["汇总"]
    assert [summary[f"A{r}"].value for r in range(1, 11)] == [
        "新百汇社区便民餐厅 补贴结算单", "结算对象", "结算单号", "结算期间", "制表日期", "用餐总人次", "补贴人次",
        "补贴金额(明细合计)", "调整金额", "本期应结算金额"]
    assert summary["B8"].value == "='明细1'!H14"
    assert summary["B9"].value == "='调整'!H3"
    assert summary["B10"].value == "=B8+B9"
    assert summary["B10"].number_format == "#,##0.00"
    assert (value(wb, "汇总", "B8"), value(wb, "汇总", "B9"), value(wb, "汇总", "B10")) == (
        Decimal("64"), Decimal("-5"), Decimal("59"))
    assert [c.value for c in summary[12]][:3] == ["按类别", "人次", "金额(元)"]
    assert [c.value for c in summary[16]][:3] == ["合计", "=SUM(B13:B15)", "=SUM(C13:C15)"]
    assert (value(wb, "汇总", "B16"), value(wb, "汇总", "C16")) == (12, Decimal("64"))


def test_xlsx_detail_sheet(tmp_path):
    path = tmp_path / "claim.xlsx"
    claim_xlsx(subsidy_claim(), claim_details(), path)
    detail = load_workbook(path)["明细1"]
    assert detail.freeze_panes == "A2"
    assert [c.value for c in detail[1]] == ["日期", "小票号", "居民", "类别", "餐次", "补贴规则", "政策版本", "金额(元)"]
    assert [c.value for c in detail[2]] == [dt.datetime(2026, 11, 1), "S20261101-0001", "李*0", "低保", "午餐",
                                           "低保定额", "2026.1", 5]
    assert detail["H2"].number_format == "#,##0.00" and detail["A2"].number_format == "yyyy-mm-dd"
    assert [c.value for c in detail[14]] == ["合计", "12 笔", None, None, None, None, None, "=SUM(H2:H13)"]


def test_xlsx_spills_onto_more_sheets_past_the_row_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(claim_xlsx_module, "SHEET_ROWS", 5)
    path = tmp_path / "claim.xlsx"
    claim_xlsx(subsidy_claim(), claim_details(), path)
    wb = load_workbook(path)
    assert wb.sheetnames == ["汇总", "明细1", "明细2", "明细3", "调整"]
    assert wb["汇总"]["B8"].value == "='明细1'!H7+'明细2'!H7+'明细3'!H4"
    assert value(wb, "汇总", "B10") == Decimal("59")


def test_csv_has_a_bom_and_every_line(tmp_path):
    path = tmp_path / "claim.csv"
    claim_csv(subsidy_claim(), claim_details(), path)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf\xe6\x97\xa5\xe6\x9c\x9f")  # BOM then 日期
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["日期", "小票号", "居民", "类别", "餐次", "补贴规则", "政策版本", "金额(元)", "类型", "原结算单号", "作废日期"]
    assert rows[1] == ["2026-11-01", "S20261101-0001", "李*0", "低保", "午餐", "低保定额", "2026.1", "5.00", "明细", "", ""]
    assert len(rows) == 1 + 12 + 1 + 1
    assert rows[13] == ["2026-10-30", "S20261030-0007", "王*明", "低保", "午餐", "低保定额", "2026.1", "-5.00", "调整",
                        "BT-202610-QU-001", "2026-11-03"]
    assert rows[14] == ["合计", "明细12笔 调整1笔", "", "", "", "", "", "59.00", "应结算", "", ""]
    assert sum(Decimal(r[7]) for r in rows[1:14]) == Decimal(rows[14][7])


def test_renderers_take_a_one_shot_generator(tmp_path):
    details = claim_details()
    claim_csv(subsidy_claim(), details, tmp_path / "a.csv")
    assert next(details, None) is None  # consumed once, never turned into a list by the caller


def test_a_failing_detail_source_leaves_no_open_handles(tmp_path):
    def broken():
        yield from claim_details(1, 2)
        raise ConnectionError("database went away")

    with pytest.raises(ConnectionError):
        claim_xlsx(subsidy_claim(), broken(), tmp_path / "claim.xlsx")


def test_one_pass_writes_the_same_files_as_separate_calls(tmp_path):
    from receipts.claim_files import ClaimFiles, write_claim_files

    one = tmp_path / "one"
    one.mkdir()
    result = write_claim_files(subsidy_claim(), claim_details(), pdf=one / "c.pdf", xlsx=one / "c.xlsx",
                               csv=one / "c.csv")
    assert result == ClaimFiles(detail_lines=12, detail_fen=6400, pdf_pages=3)
    claim_pdf(subsidy_claim(), claim_details(), tmp_path / "c.pdf")
    claim_xlsx(subsidy_claim(), claim_details(), tmp_path / "c.xlsx")
    claim_csv(subsidy_claim(), claim_details(), tmp_path / "c.csv")
    assert (one / "c.csv").read_bytes() == (tmp_path / "c.csv").read_bytes()
    assert pdf_lines(one / "c.pdf") == pdf_lines(tmp_path / "c.pdf")
    a, b = load_workbook(one / "c.xlsx"), load_workbook(tmp_path / "c.xlsx")
    assert [[c.value for row in ws for c in row] for ws in a] == [[c.value for row in ws for c in row] for ws in b]


def test_one_pass_aborts_every_file_when_the_source_fails(tmp_path):
    from receipts.claim_files import write_claim_files

    def broken():
        yield from claim_details(1, 2)
        raise ConnectionError("database went away")

    with pytest.raises(ConnectionError):
        write_claim_files(subsidy_claim(), broken(), pdf=tmp_path / "c.pdf", xlsx=tmp_path / "c.xlsx",
                          csv=tmp_path / "c.csv")
    assert not (tmp_path / "c.pdf").exists()  # reportlab writes only when it saves
    assert (tmp_path / "c.csv").read_text(encoding="utf-8-sig").count("\n") == 3  # header + 2, flushed and closed


def test_a_long_rule_label_is_squeezed_into_its_column(tmp_path):
    from dataclasses import replace

    long_rule = "低保对象六十周岁以上午餐定额补贴加送餐"
    details = [replace(d, rule=long_rule) for d in claim_details()]
    path = tmp_path / "claim.pdf"
    claim_pdf(subsidy_claim(), details, path)
    assert pdf_lines(path, 3, 3)[2] == f"2026-11-01 S20261101-0001 李*0 低保 午餐 {long_rule} 2026.1 5.00"


def test_csv_text_cells_cannot_run_as_formulas(tmp_path):
    path = tmp_path / "claim.csv"
    rules = iter(("=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)"))
    details = [replace(d, rule=next(rules, d.rule), resident="=cmd|' /C calc'!A0" if n == 0 else d.resident)
               for n, d in enumerate(claim_details())]
    claim_csv(subsidy_claim(), details, path)
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert [r[5] for r in rows[1:5]] == ["'=HYPERLINK(\"http://x\")", "'+1", "'-2", "'@SUM(A1)"]
    assert rows[1][2] == "'=cmd|' /C calc'!A0"
    assert rows[13][7] == "-5.00"  # an amount of ours stays a number
