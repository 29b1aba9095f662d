"""A live tap on the PC/SC reader reaches the counter page through the server's event stream, and only the
counter whose terminal names that reader."""
import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from pos.reader import api as reader_api
from pos.reader.hub import ReaderHub
from pos.sales.models import Sale
from tests.browser.conftest import TILL, page_errors
from tests.browser.counter_page import TIMEOUT_MS, CounterPage
from tests.support.emulated_card import READER_NAME, SECOND_READER_NAME
from tests.support.pcsc import wait_until

pytestmark = [pytest.mark.browser, pytest.mark.pcsc]
CARD_UID = "04A1B2C3"


@pytest.fixture
def reader_hub(app, pcscd, live, make):
    """A real reader hub on pcscd's virtual readers (the test config leaves the reader off), the first one named
    by the counter's terminal."""
    make.reader_at("counter-1", READER_NAME)
    hub = ReaderHub(True, None, poll_seconds=0.05, retry_seconds=0.2)
    reader_api.init_app(app, hub)
    yield hub
    hub.stop()


def test_checkout_from_a_tap_on_the_pcsc_reader(reader_hub, counter, make, database, emulated_card, artifacts,
                                                record_timings):
    resident = make.resident(name="陈淑珍", balance_fen=5000)
    make.card(resident, CARD_UID)
    dish = make.dish("鱼香肉丝", 1200)
    counter.reload()
    page = counter.page
    expect(page.locator("#reader-status")).to_have_text("读卡器就绪", timeout=TIMEOUT_MS)
    card = emulated_card(CARD_UID)
    card.start()
    page.wait_for_selector("#resident-name")
    assert counter.resident_name() == "陈淑珍"
    counter.tap(dish)
    counter.payable("¥10.00")  # 12 − 2 (70–79)
    assert counter.settle().endswith("-0001")
    card.stop()
    counter.screenshot(artifacts, "counter-checkout-pcsc")
    with database.unit_of_work() as session:
        [sale] = session.scalars(select(Sale)).all()
        assert (sale.credential_kind, sale.credential_ref) == ("card", CARD_UID)
    record_timings(f"PC/SC tap ({READER_NAME})", counter.timings())


def test_the_page_opens_its_stream_with_a_ticket_and_a_new_one_after_a_drop(reader_hub, counter, make, live,
                                                                            emulated_card):
    resident = make.resident(name="陈淑珍", balance_fen=5000)
    make.card(resident, CARD_UID)
    counter.reload()
    page = counter.page
    expect(page.locator("#reader-status")).to_have_text("读卡器就绪", timeout=TIMEOUT_MS)
    first = page.evaluate("window.counterReader.url")
    assert "?ticket=" in first and live[1] not in first  # the terminal token stays out of the URL
    reader_hub.end_streams()  # the server went away a moment: the page asks for a fresh ticket, not the spent one
    reopened = f"window.counterReader.readyState === EventSource.OPEN && window.counterReader.url !== {first!r}"
    assert wait_until(lambda: page.evaluate(reopened), 10.0)  # polled from here: the page's CSP forbids eval
    assert reader_hub.streams == 1
    card = emulated_card(CARD_UID)
    card.start()
    page.wait_for_selector("#resident-name")
    assert counter.resident_name() == "陈淑珍"
    card.stop()


@pytest.fixture
def window_counter(browser, live, make):
    """A second counter, by the window, with vpcd's second reader: its own terminal, cashier and browser."""
    base, _ = live
    token = make.terminal("counter-2", reader_name=SECOND_READER_NAME)
    make.user(username="cashier2", role="cashier", password="secret-pass")
    context = browser.new_context(viewport=TILL, locale="zh-CN")
    context.add_init_script(f"localStorage.setItem('canteen.terminalToken', {token!r});")
    page = context.new_page()
    errors = page_errors(page)
    yield CounterPage(page, base).sign_in("cashier2", "secret-pass")
    context.close()
    assert errors == [], f"JavaScript errors or blocked scripts on the page: {errors}"


def test_a_tap_reaches_only_the_counter_with_that_reader(reader_hub, counter, window_counter, make,
                                                         emulated_card):
    make.card(make.resident(name="陈淑珍", balance_fen=5000), CARD_UID)
    make.card(make.resident(name="王建国", balance_fen=5000), "04D4E5F6")
    door, window = counter.page, window_counter.page
    counter.reload()
    for page in (door, window):
        expect(page.locator("#reader-status")).to_have_text("读卡器就绪", timeout=TIMEOUT_MS)
    emulated_card(CARD_UID).start()  # on the door's reader
    expect(door.locator("#resident-name")).to_have_text("陈淑珍")
    window.wait_for_timeout(500)  # a tap that reached the window too would be looked up by now
    expect(window.locator("#resident")).to_have_text("等待刷卡…")
    emulated_card("04D4E5F6", reader=SECOND_READER_NAME).start()
    expect(window.locator("#resident-name")).to_have_text("王建国")
    door.wait_for_timeout(500)
    expect(door.locator("#resident-name")).to_have_text("陈淑珍")
    assert door.locator("#dialog").is_hidden()  # not even asked about another resident
    assert reader_hub.status(SECOND_READER_NAME)["readers"] == [
        {"name": SECOND_READER_NAME, "online": True, "card_present": True, "uid": "04D4E5F6"}]


def test_a_counter_without_a_reader_shows_none_and_gets_no_taps(reader_hub, counter, make, emulated_card):
    make.card(make.resident(name="陈淑珍", balance_fen=5000), CARD_UID)
    make.reader_at("counter-1", "")
    counter.reload()
    page = counter.page
    expect(page.locator("#reader-status")).to_be_hidden()
    emulated_card(CARD_UID).start()
    assert wait_until(lambda: reader_hub.status(READER_NAME)["readers"][:1] == [
        {"name": READER_NAME, "online": True, "card_present": True, "uid": CARD_UID}], 5.0)
    page.wait_for_timeout(500)  # a tap that reached this counter would be looked up by now
    expect(page.locator("#resident")).to_have_text("等待刷卡…")
