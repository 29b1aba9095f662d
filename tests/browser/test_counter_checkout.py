"""A full checkout at the counter, in a real browser: typed card number, QR pass, Chinese input method."""
from datetime import date

import pytest
from sqlalchemy import func, select

from cards.qrpass import dynamic_payload, static_payload
from pos.clock import utc_now
from pos.sales.models import SaleVoid
from tests.browser.records import give_pass, sales

pytestmark = pytest.mark.browser
BORN_1951 = date(1951, 6, 1)  # 75: the demo policy's 70–79 rule pays 2 yuan
CARD_UID = "04A1B2C3"
CARD_DECIMAL = f"{int(CARD_UID, 16):010d}"  # what a keyboard-wedge reader types
TARGET_MS = 150


def check_fast(counter, record_timings, name: str) -> None:
    timings = counter.timings()
    record_timings(name, timings)
    assert timings["scan"] and timings["settle"]
    # The target is 150 ms on localhost; the assertion leaves room for a loaded CI machine.
    assert max(timings["scan"] + timings["settle"]) < 10 * TARGET_MS, timings


def test_checkout_from_a_typed_card_number(counter, make, database, artifacts, record_timings):
    resident = make.resident(name="张桂兰", born=BORN_1951, categories=("dibao",), balance_fen=5000)
    make.card(resident, CARD_UID)
    pork, greens = make.dish("红烧肉", 800), make.dish("清炒油菜", 400, "vegetable")
    counter.reload()  # the dishes were added after the page loaded
    counter.scan(CARD_DECIMAL)
    assert counter.resident_name() == "张桂兰"
    page = counter.page
    assert page.text_content("#resident-balance") == "¥50.00"
    assert "今日" in page.text_content("#subsidy-status") and "补贴未使用" in page.text_content("#subsidy-status")
    assert page.text_content("#resident-categories") == "低保"
    assert "*" in page.text_content("#resident-id-number")
    counter.tap(pork, qty=2)
    counter.tap(greens)
    counter.payable("¥15.00")  # 16 + 4 − 5 (低保: district 3, street 2)
    assert "尧都区民政局" in page.text_content("#totals") and "解放路街道" in page.text_content("#totals")
    assert page.text_content("#balance-after") == "¥35.00"
    counter.screenshot(artifacts, "counter-order-1366x768")
    page.set_viewport_size({"width": 1920, "height": 1080})
    counter.screenshot(artifacts, "counter-order-1920x1080")
    page.set_viewport_size({"width": 1366, "height": 768})
    receipt = counter.settle()
    assert receipt.endswith("-0001")
    assert page.evaluate("document.activeElement.id") == "scan"  # ready for the next resident
    assert page.get_attribute("#resident", "data-state") == "empty"
    counter.screenshot(artifacts, "counter-checkout-card")
    [sale] = sales(database)
    assert (sale.total_fen, sale.subsidy_fen, sale.paid_fen, sale.credential_kind) == (2000, 500, 1500, "card")
    check_fast(counter, record_timings, "typed card")
    # Undo it: the same cashier within two minutes, with a reason.
    page.keyboard.press("F6")
    page.click("#dialog button:has-text('点错菜')")
    page.click("#undo-confirm")
    assert "已撤销" in counter.alert()
    with database.unit_of_work() as session:
        assert session.scalar(select(func.count()).select_from(SaleVoid)) == 1


def test_checkout_from_a_qr_pass(counter, make, database, artifacts, record_timings):
    resident = make.resident(name="李秀英", born=BORN_1951, balance_fen=3000)
    code = dynamic_payload(resident, give_pass(database, resident), utc_now())
    dish = make.dish("番茄炒蛋", 1000)
    counter.reload()
    counter.scan(code)
    assert counter.resident_name() == "李秀英"
    assert not counter.page.is_visible("#static-warning")
    counter.tap(dish)
    counter.payable("¥8.00")
    assert counter.settle().endswith("-0001")
    counter.screenshot(artifacts, "counter-checkout-qr")
    [sale] = sales(database)
    assert (sale.credential_kind, sale.paid_fen) == ("qr", 800)
    check_fast(counter, record_timings, "QR pass")
    counter.scan(code)  # the same code again: spent
    assert "已使用" in counter.alert()


def test_a_printed_pass_warns_the_cashier(counter, make, database):
    resident = make.resident(name="王建国", balance_fen=3000)
    counter.scan(static_payload(resident, give_pass(database, resident)))
    assert counter.resident_name() == "王建国"
    assert "本人" in counter.page.text_content("#static-warning")


def test_a_scan_through_a_chinese_input_method(counter, make):
    """Full-width characters, and the Enter that ends a composition, still make one scan."""
    resident = make.resident(name="赵淑芬", balance_fen=3000)
    make.card(resident, CARD_UID)
    counter.page.evaluate("""text => {
        const input = document.getElementById('scan');
        input.dispatchEvent(new CompositionEvent('compositionstart', {data: ''}));
        input.value = text;
        input.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter', isComposing: true, bubbles: true}));
        input.dispatchEvent(new CompositionEvent('compositionend', {data: text}));
    }""", "０４Ａ１Ｂ２Ｃ３")
    assert counter.resident_name() == "赵淑芬"


def test_a_walk_in_pays_full_price_in_cash(counter, make, database):
    dish = make.dish("馒头套餐", 1500, "set")
    counter.reload()
    counter.page.keyboard.press("F2")
    counter.page.click("button[data-method=wechat]")
    counter.tap(dish)
    counter.payable("¥15.00")
    assert "套餐" in counter.page.text_content("#menu")
    assert counter.settle().endswith("-0001")
    [sale] = sales(database)
    assert (sale.credential_kind, sale.payment_method, sale.subsidy_fen, sale.paid_fen) == (
        "walk_in", "wechat", 0, 1500)
