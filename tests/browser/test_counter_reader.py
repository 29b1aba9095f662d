"""A live tap on the PC/SC reader reaches the counter page through the server's event stream."""
import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from pos.reader import api as reader_api
from pos.reader.hub import ReaderHub
from pos.sales.models import Sale
from tests.browser.conftest import record_timings
from tests.browser.counter_page import TIMEOUT_MS
from tests.support.emulated_card import READER_NAME
from tests.support.pcsc import wait_until

pytestmark = [pytest.mark.browser, pytest.mark.pcsc]
CARD_UID = "04A1B2C3"


@pytest.fixture
def reader_hub(app, pcscd):
    """A real reader hub on pcscd's virtual reader (the test config leaves the reader off)."""
    hub = ReaderHub(True, None, poll_seconds=0.05, retry_seconds=0.2)
    reader_api.init_app(app, hub)
    yield hub
    hub.stop()


def test_checkout_from_a_tap_on_the_pcsc_reader(reader_hub, counter, make, database, emulated_card, artifacts):
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
