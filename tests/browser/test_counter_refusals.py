"""What the cashier sees when a sale cannot go through, and a settle that survives a dropped answer."""
import json

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from pos.wallets.models import TopUp
from tests.browser.counter_page import TIMEOUT_MS
from tests.browser.records import sales

pytestmark = pytest.mark.browser
CARD_UID = "04A1B2C3"


def test_not_enough_balance_offers_a_cash_top_up(counter, make, database, artifacts):
    resident = make.resident(name="刘玉梅", balance_fen=500)
    make.card(resident, CARD_UID)
    dish = make.dish("红烧肉", 1200)
    counter.reload()
    counter.scan(CARD_UID)
    counter.tap(dish)
    counter.payable("¥10.00")  # 12 − 2 (70–79)
    assert "余额不足" in counter.page.text_content("#totals")
    counter.page.keyboard.press("Enter")
    assert counter.alert().startswith("余额不足：余额 ¥5.00，需要 ¥10.00")
    counter.screenshot(artifacts, "counter-not-enough-balance")
    assert sales(database) == []
    counter.page.click("#alert button:has-text('充值')")
    counter.page.fill("#topup-amount", "１００")  # full-width digits from a Chinese input method
    counter.page.click("#topup-next")
    assert "¥100.00" in counter.page.text_content("#topup-confirm")  # the cashier confirms the amount
    counter.page.click("#topup-yes")
    expect(counter.page.locator("#resident-balance")).to_have_text("¥105.00", timeout=TIMEOUT_MS)
    with database.unit_of_work() as session:
        [top_up] = session.scalars(select(TopUp).where(TopUp.amount_fen == 10000)).all()
        assert top_up.method == "cash"
    counter.payable("¥10.00")
    assert counter.settle().endswith("-0001")
    assert sales(database)[0].paid_fen == 1000


def test_a_blocked_card_is_refused_in_plain_words(counter, make, artifacts):
    resident = make.resident(name="孙德明", balance_fen=5000)
    make.card(resident, CARD_UID, status="blocked")
    counter.scan(CARD_UID)
    assert counter.alert().startswith(f"卡 {CARD_UID}（孙德明）已挂失，不能付款")
    assert counter.page.get_attribute("#resident", "data-state") == "resident"  # whose it is, to replace it
    assert counter.page.is_disabled("#settle")
    counter.screenshot(artifacts, "counter-card-blocked")
    counter.scan("0499999999")
    assert counter.alert().startswith("此卡或此码未登记")


def test_the_server_failing_once_during_settle_makes_exactly_one_sale(counter, make, database, artifacts,
                                                                       record_timings):
    resident = make.resident(name="周桂英", balance_fen=5000)
    make.card(resident, CARD_UID)
    dish = make.dish("清蒸鱼", 1500)
    counter.reload()
    sent: list[dict] = []
    answers: list[int] = []

    def drop_the_first_answer(route):
        """The server settles the sale, then the connection drops before the answer arrives."""
        sent.append(json.loads(route.request.post_data))
        response = route.fetch()
        answers.append(response.status)
        if len(sent) == 1:
            route.abort("connectionreset")
        else:
            route.fulfill(response=response)

    counter.page.route("**/api/v1/sales", drop_the_first_answer)
    counter.scan(CARD_UID)
    counter.tap(dish)
    counter.payable("¥13.00")
    receipt = counter.settle()
    assert receipt.endswith("-0001")
    assert answers == [201, 200]  # the retry got the first result back
    assert sent[0]["idempotency_key"] == sent[1]["idempotency_key"]
    assert sent[0] == sent[1]
    assert len(sales(database)) == 1
    counter.screenshot(artifacts, "counter-settle-retried")
    record_timings("settle after a dropped answer (includes one retry)", {"settle": counter.timings()["settle"]})


def test_an_unreachable_server_shows_retry_and_the_retry_settles_once(counter, make, database):
    resident = make.resident(name="吴秀兰", balance_fen=5000)
    make.card(resident, CARD_UID)
    dish = make.dish("清蒸鱼", 1500)
    counter.reload()
    counter.scan(CARD_UID)
    counter.tap(dish)
    counter.payable("¥13.00")
    keys: list[str] = []

    def unreachable(route):
        keys.append(json.loads(route.request.post_data)["idempotency_key"])
        route.abort("connectionrefused")

    counter.page.route("**/api/v1/sales", unreachable)
    counter.page.keyboard.press("Enter")
    assert counter.alert().startswith("连不上服务器")
    assert len(keys) == 3  # the first try and two automatic retries, all with one key
    counter.page.unroute("**/api/v1/sales")
    counter.page.click("#alert button:has-text('重试')")
    counter.page.wait_for_selector("#done:not([hidden]) #receipt-no")
    [sale] = sales(database)
    assert len(set(keys)) == 1 and sale.paid_fen == 1300
