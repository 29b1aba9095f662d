"""The presented card's life at the counter: report it lost, replace it, set the resident page's PIN."""
import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from pos.credentials.models import Card
from pos.reader import api as reader_api
from pos.reader.hub import ReaderHub
from tests.browser.counter_page import TIMEOUT_MS
from tests.browser.records import sales
from tests.support.emulated_card import READER_NAME

pytestmark = pytest.mark.browser
CARD_UID = "04A1B2C3"
NEW_UID = "04D5E6F7"
PIN = "2468"

# A sale sent from the page itself, with this counter's token and the cashier's session.
SELL = """async ([credential, dishId]) => {
    const response = await fetch('/api/v1/sales', {method: 'POST', headers: {
        'Authorization': `Bearer ${localStorage.getItem('canteen.terminalToken')}`,
        'Content-Type': 'application/json', 'Accept': 'application/json'},
        body: JSON.stringify({credential, items: [{dish_id: dishId, qty: 1}], idempotency_key: crypto.randomUUID()})});
    return [response.status, (await response.json()).error?.code];
}"""


def card_status(database, uid: str) -> str:
    with database.unit_of_work() as session:
        return session.scalars(select(Card.status).where(Card.uid == uid)).one()


def test_a_card_reported_lost_at_the_counter_cannot_pay(counter, make, database, artifacts):
    resident = make.resident(name="刘玉梅", balance_fen=5000)
    make.card(resident, CARD_UID)
    dish = make.dish("红烧肉", 1200)
    counter.reload()
    page = counter.page
    with page.expect_response("**/api/v1/credentials/present") as shown:
        counter.scan(CARD_UID)
    presentation = shown.value.json()["presentation"]
    assert page.text_content("#resident-card") == CARD_UID
    counter.tap(dish)
    counter.payable("¥10.00")
    page.click("#card-lost")
    assert CARD_UID in page.text_content("#lost-text") and "刘玉梅" in page.text_content("#lost-text")
    counter.screenshot(artifacts, "counter-card-lost-confirm")
    page.click("#lost-confirm")
    page.wait_for_selector("#card-status")
    assert "已挂失" in page.text_content("#card-status")
    assert counter.alert().startswith(f"卡 {CARD_UID} 已挂失停用")
    assert page.is_visible("#order .empty") and page.text_content("#totals") == ""
    assert page.is_disabled("#settle") and not page.is_visible("#card-lost")
    assert page.evaluate("document.activeElement.id") == "scan"
    counter.screenshot(artifacts, "counter-card-lost")
    assert card_status(database, CARD_UID) == "blocked"
    # The scan taken before the card was blocked no longer pays, nor does the card itself.
    assert page.evaluate(SELL, [{"presentation": presentation}, dish]) == [403, "card_blocked"]
    assert page.evaluate(SELL, [{"card_uid": CARD_UID}, dish]) == [403, "card_blocked"]
    counter.scan(CARD_UID)  # shows whose it is, and still cannot pay
    assert counter.alert().startswith(f"卡 {CARD_UID}（刘玉梅）已挂失，不能付款")
    assert page.is_disabled("#settle")
    assert sales(database) == []


def test_a_replaced_card_carries_the_wallet_to_the_new_card(counter, make, database, artifacts):
    resident = make.resident(name="孙德明", balance_fen=5000)
    make.card(resident, CARD_UID)
    make.card(make.resident(name="周桂英"), "04000001")
    dish = make.dish("清蒸鱼", 1200)
    counter.reload()
    page = counter.page
    counter.scan(CARD_UID)
    page.click("#card-replace")
    assert CARD_UID in page.text_content("#replace-note")
    assert page.evaluate("document.activeElement.id") == "replace-uid"  # ready for a wedge reader
    page.keyboard.type("04000001")  # someone else's card
    page.keyboard.press("Enter")
    page.wait_for_selector("#dialog-error:not([hidden])")
    assert page.text_content("#dialog-error") == "这张卡已登记给居民，请换一张空白卡。"
    page.fill("#replace-uid", "０４Ｄ５Ｅ６Ｆ７")  # full-width, from a Chinese input method
    counter.screenshot(artifacts, "counter-card-replace")
    page.click("#replace-confirm")
    expect(page.locator("#resident-card")).to_have_text(NEW_UID, timeout=TIMEOUT_MS)
    assert counter.alert().startswith(f"新卡 {NEW_UID} 已发给孙德明")
    assert page.text_content("#resident-balance") == "¥50.00"
    counter.screenshot(artifacts, "counter-card-replaced")
    assert (card_status(database, CARD_UID), card_status(database, NEW_UID)) == ("blocked", "active")
    counter.tap(dish)
    counter.payable("¥10.00")
    assert counter.settle().endswith("-0001")
    assert "余额 ¥40.00" in page.text_content("#done")
    [sale] = sales(database)
    assert (sale.resident_id, sale.credential_kind, sale.credential_ref, sale.paid_fen) == (
        resident, "card", NEW_UID, 1000)
    counter.scan(CARD_UID)
    assert counter.alert().startswith(f"卡 {CARD_UID}（孙德明）已换新卡，不能付款")
    assert not page.is_visible("#card-replace")  # replaced once, for good


@pytest.fixture
def reader_hub(app, pcscd, live, make):
    """A real reader hub on pcscd's virtual reader (the test config leaves the reader off), named by the counter."""
    make.reader_at("counter-1", READER_NAME)
    hub = ReaderHub(True, None, poll_seconds=0.05, retry_seconds=0.2)
    reader_api.init_app(app, hub)
    yield hub
    hub.stop()


@pytest.mark.pcsc
def test_the_new_card_tapped_on_the_reader_fills_the_replace_dialog(reader_hub, counter, make, database,
                                                                    emulated_card):
    resident = make.resident(name="陈淑珍", balance_fen=2000)
    make.card(resident, CARD_UID)
    counter.reload()
    page = counter.page
    expect(page.locator("#reader-status")).to_have_text("读卡器就绪", timeout=TIMEOUT_MS)
    counter.scan(CARD_UID)  # the resident says the number; the old card is not here
    page.click("#card-replace")
    card = emulated_card(NEW_UID)
    card.start()
    expect(page.locator("#replace-uid")).to_have_value(NEW_UID, timeout=TIMEOUT_MS)
    assert page.is_visible("#dialog") and counter.resident_name() == "陈淑珍"  # the tap did not start a new scan
    page.keyboard.press("Enter")
    expect(page.locator("#resident-card")).to_have_text(NEW_UID, timeout=TIMEOUT_MS)
    card.stop()
    assert (card_status(database, CARD_UID), card_status(database, NEW_UID)) == ("blocked", "active")


def test_a_pin_set_at_the_counter_signs_in_to_the_resident_page(counter, browser, make, artifacts):
    resident = make.resident(name="赵淑芬", balance_fen=3000)
    make.card(resident, CARD_UID)
    page = counter.page
    counter.scan(CARD_UID)
    page.click("#pin-set")
    page.fill("#pin-first", "12")
    page.click("#pin-save")
    assert page.text_content("#dialog-error") == "密码须为 4 到 6 位数字。"
    page.fill("#pin-first", PIN)
    page.fill("#pin-second", "2469")
    page.click("#pin-save")
    assert page.text_content("#dialog-error") == "两次输入的密码不一样，请重新输入。"
    page.fill("#pin-second", PIN)
    counter.screenshot(artifacts, "counter-pin-set")
    page.keyboard.press("Enter")
    assert counter.alert().startswith("已为赵淑芬设置密码")
    assert counter.resident_name() == "赵淑芬"  # the sale can go on
    context = browser.new_context(locale="zh-CN")
    try:
        me = context.new_page()
        me.goto(f"{counter.base}/me/sign-in")
        me.fill("input[name=card]", CARD_UID)
        me.fill("input[name=pin]", PIN)
        me.click("button[type=submit]")
        me.wait_for_selector("#balance")
        assert me.url.endswith("/me") and me.text_content("#balance") == "¥30.00"
        me.screenshot(path=str(artifacts / "me-signed-in-with-counter-pin.png"))
    finally:
        context.close()
