"""The receipt at the counter, in Chromium: after a sale the screen shows it (number, lines, subsidy, what was
paid, the balance after), prints it again on request and opens it as a PDF (read back with pdftotext); without a
printer the header says so once and nothing fails; opened at 127.0.0.1 without a public address, the header warns
once that the receipts' QR codes will not open on phones."""
from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

import receipts
from tests.browser.pdf_tab import pdf_in_new_tab

pytestmark = pytest.mark.browser
BORN_1951 = date(1951, 6, 1)  # 75: the demo policy's 低保 rule pays 5 yuan (district 3, street 2)
CARD_UID = "04A1B2C3"
ROWS = "rows => rows.map((row) => [...row.cells].map((cell) => cell.innerText.trim()))"


def sell(counter, make) -> str:
    """A resident on 低保 buys 2 × 红烧肉 and 清炒油菜 (¥20.00, subsidy ¥5.00) from ¥50.00; the receipt number."""
    resident = make.resident(name="张桂兰", born=BORN_1951, categories=("dibao",), balance_fen=5000)
    make.card(resident, CARD_UID)
    pork, greens = make.dish("红烧肉", 800), make.dish("清炒油菜", 400, "vegetable")
    counter.reload()
    counter.scan(CARD_UID)
    expect(counter.page.locator("#resident-name")).to_have_text("张桂兰")
    counter.tap(pork, qty=2)
    counter.tap(greens)
    counter.payable("¥15.00")
    return counter.settle().removeprefix("小票号 ")


def test_the_receipt_shows_on_screen_prints_again_and_opens_as_pdf(counter, make, app, artifacts, tmp_path):
    printer = receipts.NullPrinter()
    app.extensions["canteen_printer"] = printer
    receipt_no = sell(counter, make)
    page = counter.page
    assert page.text_content("#receipt-no") == f"小票号 {receipt_no}"
    assert page.eval_on_selector_all("#receipt-lines tr", ROWS) == [
        ["红烧肉 ×2", "¥16.00"], ["清炒油菜 ×1", "¥4.00"], ["合计", "¥20.00"],
        ["尧都区民政局", "-¥3.00"], ["解放路街道", "-¥2.00"], ["实付", "¥15.00"]]
    assert page.text_content("#receipt-balance") == "当前余额 ¥35.00。"
    expect(page.locator("#receipt-status")).to_have_text(f"小票 {receipt_no} 已打印。")
    assert len(printer.jobs) == 1 and "红烧肉".encode("gb18030") in printer.jobs[0]
    expect(page.locator("#printer-none")).to_be_hidden()
    counter.screenshot(artifacts, "counter-receipt")

    page.click("#receipt-print")
    expect(page.locator("#scan")).to_be_focused()  # ready for the next card
    expect(page.locator("#receipt-status")).not_to_be_empty()
    assert len(printer.jobs) == 2 and printer.jobs[1] == printer.jobs[0]

    text = pdf_in_new_tab(page, "#receipt-pdf", tmp_path, artifacts / "counter-receipt-pdf.png")
    for expected in (receipt_no, "张*兰", "红烧肉", "清炒油菜", "尧都区民政局", "解放路街道", "钱包支付 15.00"):
        assert expected in text, expected
    expect(page.locator("#scan")).to_be_focused()


def test_without_a_printer_the_header_says_so_and_nothing_fails(counter, make):
    page = counter.page
    expect(page.locator("#printer-none")).to_have_text("未配置打印机")
    receipt_no = sell(counter, make)
    expect(page.locator("#receipt-no")).to_have_text(f"小票号 {receipt_no}")
    assert page.locator("#receipt-print").count() == 0  # nothing to print on
    expect(page.locator("#receipt-pdf")).to_be_visible()
    page.wait_for_timeout(500)  # time for a print request, were one sent
    expect(page.locator("#alert")).to_be_hidden()
    assert page.text_content("#receipt-status") == ""
    expect(page.locator("#printer-none")).to_have_count(1)


def test_at_a_loopback_address_without_a_public_one_the_header_warns_once(counter, make):
    page = counter.page
    warning = page.locator("#qr-warning")
    expect(warning).to_be_visible()
    assert warning.inner_text().startswith("未设置公网地址，小票二维码在手机上打不开")
    assert page.locator("#qr-warning-settings").count() == 0  # a cashier cannot change the settings
    page.click("#qr-warning-close")
    expect(warning).to_be_hidden()
    expect(page.locator("#scan")).to_be_focused()
    counter.reload()
    expect(warning).to_be_hidden()  # once a browser session

    make.canteen_settings(public_base_url="https://canteen.example.cn")
    page.evaluate("sessionStorage.clear()")
    counter.reload()
    expect(warning).to_have_count(0)
