"""A top-up at the counter: the dialog says the limit in yuan before anything is confirmed, a WeChat Pay or
Alipay top-up needs its payment's reference number, and the balance shown is the exact new balance."""
import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from pos.wallets.models import TopUp
from pos.wallets.operations import add_top_up
from tests.browser.counter_page import TIMEOUT_MS

pytestmark = pytest.mark.browser
CARD_UID = "04C0FFEE"


def top_ups(database) -> list[tuple[str, str, int]]:
    with database.unit_of_work() as session:
        return [tuple(row) for row in session.execute(select(TopUp.method, TopUp.reference, TopUp.amount_fen))]


def open_top_up(counter, amount: str) -> None:
    counter.page.click(".keys [data-action=top_up]")
    counter.page.fill("#topup-amount", amount)


def test_too_much_is_refused_in_the_dialog_in_yuan_before_confirming(counter, make, database, artifacts):
    resident = make.resident(name="张桂兰", balance_fen=1234)
    make.card(resident, CARD_UID)
    counter.scan(CARD_UID)
    expect(counter.page.locator("#resident-balance")).to_have_text("¥12.34")
    open_top_up(counter, "99999")
    counter.page.click("#topup-next")
    expect(counter.page.locator("#dialog-error")).to_have_text("充值金额必须在 0.01 元到 5,000.00 元之间")
    expect(counter.page.locator("#topup-confirm")).to_have_count(0)  # nothing was asked, nothing sent
    counter.screenshot(artifacts, "counter-top-up-over-limit")
    counter.page.fill("#topup-amount", "5000.01")
    counter.page.keyboard.press("Enter")
    expect(counter.page.locator("#dialog-error")).to_have_text("充值金额必须在 0.01 元到 5,000.00 元之间")
    counter.page.fill("#topup-amount", "0")
    counter.page.keyboard.press("Enter")
    expect(counter.page.locator("#dialog-error")).to_have_text("充值金额必须在 0.01 元到 5,000.00 元之间")
    assert top_ups(database) == [("cash", "", 1234)]  # only the factory's


def test_wechat_needs_its_reference_and_then_tops_up_exactly(counter, make, database, artifacts):
    resident = make.resident(name="张桂兰", balance_fen=1234)
    make.card(resident, CARD_UID)
    counter.scan(CARD_UID)
    expect(counter.page.locator("#resident-balance")).to_have_text("¥12.34")
    open_top_up(counter, "100")
    expect(counter.page.locator("#topup-reference")).to_be_hidden()  # cash needs none
    counter.page.click("#topup-methods button[data-method=wechat]")
    expect(counter.page.locator("#topup-methods button[data-method=wechat]")).to_have_attribute("aria-pressed", "true")
    expect(counter.page.locator("#topup-reference-label")).to_contain_text("付款单号（微信支付、支付宝必填）")
    counter.page.click("#topup-next")
    expect(counter.page.locator("#dialog-error")).to_have_text("请填写付款单号：微信支付和支付宝充值必须填写。")
    expect(counter.page.locator("#topup-confirm")).to_have_count(0)
    counter.page.fill("#topup-reference", " 4200002026113012345 ")
    counter.page.click("#topup-next")
    expect(counter.page.locator("#topup-confirm")).to_have_text(
        "确认张桂兰已通过微信支付付款 ¥100.00？付款单号 4200002026113012345。")
    counter.screenshot(artifacts, "counter-top-up-wechat-confirm")
    counter.page.click("#topup-yes")
    expect(counter.page.locator("#resident-balance")).to_have_text("¥112.34", timeout=TIMEOUT_MS)
    assert counter.alert() == "已充值 ¥100.00，当前余额 ¥112.34。"
    assert top_ups(database) == [("cash", "", 1234), ("wechat", "4200002026113012345", 10000)]


def test_back_keeps_what_was_typed_and_a_refusal_from_the_server_reads_in_words(counter, make, database):
    first, second = make.resident(name="张桂兰"), make.resident(name="李秀英")
    make.card(first, CARD_UID)
    make.card(second, "04BEEF01")
    with database.unit_of_work() as session:
        add_top_up(session, second, 5000, "alipay", reference="2026113099")
    counter.scan(CARD_UID)
    expect(counter.page.locator("#resident-name")).to_have_text("张桂兰")
    open_top_up(counter, "123.45")
    counter.page.click("#topup-methods button[data-method=alipay]")
    counter.page.fill("#topup-reference", "2026113099")
    counter.page.click("#topup-next")
    counter.page.click("#dialog-actions button:not(#topup-yes)")  # Back
    expect(counter.page.locator("#topup-amount")).to_have_value("123.45")
    expect(counter.page.locator("#topup-reference")).to_have_value("2026113099")
    counter.page.click("#topup-next")
    counter.page.click("#topup-yes")  # the same Alipay payment, already recorded for 李秀英
    expect(counter.page.locator("#dialog-error")).to_contain_text("付款单号：")
    assert "reference" not in counter.page.text_content("#dialog-error")
    expect(counter.page.locator("#resident-balance")).to_have_text("¥0.00")
