"""The cards back office in Chromium: a manager finds a resident, issues a card with a deposit by scanning it, reports
it lost, replaces it without the old card (wallet and deposit kept), and the new card settles a meal at /counter; a
card number in use is refused naming its holder; the pass sheet is warned about before printing."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from pos.credentials.models import Card
from pos.ledger.posting import wallet_of
from pos.residents.models import Resident
from pos.sales.models import Sale
from pos.wallets.operations import add_top_up
from tests.browser.conftest import staff_page

pytestmark = pytest.mark.browser
OLD_CARD, NEW_CARD = "04A1B2C3", "04D5E6F7"


def wedge(uid: str) -> str:
    """What a keyboard-wedge reader types for a card: its UID as ten decimal digits."""
    return f"{int(uid, 16):010d}"


def cards(database) -> list[tuple[str, str, int]]:
    with database.reader() as session:
        return [(c.uid, c.status, c.deposit_fen) for c in session.scalars(select(Card).order_by(Card.id))]


@pytest.fixture
def manager(browser, live, make):
    """A manager signed in, in a browser of their own at the till's screen size."""
    base, _token = live
    with staff_page(browser, base, make, "manager", "manager", "/residents") as page:
        page.wait_for_url(f"{base}/residents")
        yield page, base


def test_lose_and_replace_a_card_then_settle_with_the_new_one(manager, counter, make, database, artifacts):
    page, base = manager
    zhang = make.resident(name="张桂兰")
    li = make.resident(name="李秀英", born=date(1951, 6, 1))
    with database.unit_of_work() as session:
        add_top_up(session, zhang, 5000, "cash")
    # 1. Found by pinyin initials; the card issued by scanning it (the reader types the number and Enter).
    page.fill("#q", "zgl")
    page.press("#q", "Enter")
    page.wait_for_selector("#found:has-text('共 1 位居民')")
    page.click("#residents tbody a:has-text('张桂兰')")
    page.wait_for_selector("#resident-name:has-text('张桂兰')")
    page.click("#issue-card")
    page.fill("#deposit", "20")
    page.select_option("#method", "cash")
    page.focus("#uid")
    page.screenshot(path=str(artifacts / "cards-issue-1366x768.png"))
    page.keyboard.type(wedge(OLD_CARD))
    page.keyboard.press("Enter")
    page.wait_for_selector(f"#card-list tr[data-card='{OLD_CARD}']:has-text('使用中')")
    assert "卡 04A1B2C3 已发给 张桂兰。" in page.inner_text(".flash.ok")
    assert cards(database) == [(OLD_CARD, "active", 2000)]
    page.screenshot(path=str(artifacts / "cards-resident-1366x768.png"))
    # 2. The same card for another resident: refused naming its holder (masked); nothing changes.
    page.goto(f"{base}/cards/residents/{li}/issue")
    page.fill("#uid", wedge(OLD_CARD))
    page.press("#uid", "Enter")
    page.wait_for_selector("#uid-error")
    with database.reader() as session:
        last4 = session.get(Resident, zhang).id_number[-4:]
    assert page.inner_text("#uid-error") == f"卡号: 卡 04A1B2C3 已发给 张*兰({last4})"
    page.screenshot(path=str(artifacts / "cards-number-in-use-1366x768.png"))
    assert cards(database) == [(OLD_CARD, "active", 2000)]
    # 3. Reported lost from the resident's page, found again by search.
    page.goto(f"{base}/residents")
    page.fill("#q", "张桂兰")
    page.press("#q", "Enter")
    page.click("#residents tbody a:has-text('张桂兰')")
    page.click(f"#card-list tr[data-card='{OLD_CARD}'] button.lost")
    page.wait_for_selector(f"#card-list tr[data-card='{OLD_CARD}']:has-text('已挂失停用')")
    assert cards(database) == [(OLD_CARD, "blocked", 2000)]
    # 4. Replaced without the old card: the new card scanned in.
    page.click(f"#card-list tr[data-card='{OLD_CARD}'] a.replace")
    page.wait_for_selector("#new_uid")
    assert "¥20.00" in page.inner_text("main")
    page.screenshot(path=str(artifacts / "cards-replace-1366x768.png"))
    page.keyboard.type(wedge(NEW_CARD))
    page.keyboard.press("Enter")
    page.wait_for_selector(f"#card-list tr[data-card='{NEW_CARD}']:has-text('使用中')")
    assert "已换新卡（永久停用）" in page.inner_text(f"#card-list tr[data-card='{OLD_CARD}']")
    assert "¥20.00" in page.inner_text(f"#card-list tr[data-card='{NEW_CARD}']")
    assert cards(database) == [(OLD_CARD, "blocked", 0), (NEW_CARD, "active", 2000)]
    with database.reader() as session:
        assert wallet_of(session, zhang).balance_fen == 5000
    page.screenshot(path=str(artifacts / "cards-replaced-1366x768.png"))
    # The card lookup: the new card scanned opens its holder's page.
    page.goto(f"{base}/cards")
    page.screenshot(path=str(artifacts / "cards-lookup-1366x768.png"))
    page.keyboard.type(wedge(NEW_CARD))
    page.keyboard.press("Enter")
    page.wait_for_selector("#resident-name:has-text('张桂兰')")
    # 5. The pass sheet, chosen on the list: the page says printing revokes older prints.
    page.goto(f"{base}/residents")
    page.check(f"#residents tr[data-resident='{li}'] input[name=resident]")
    page.click("#passes")
    page.wait_for_selector("#revokes")
    assert "以前打印的二维码将立即失效" in page.inner_text("#revokes") and "李秀英" in page.inner_text("#chosen")
    page.screenshot(path=str(artifacts / "cards-passes-1366x768.png"))
    # 6. At the counter: the old card is refused, the new one settles a meal.
    dish = make.dish("清蒸鲈鱼", 1200)
    counter.reload()
    counter.scan(wedge(OLD_CARD))
    assert counter.alert()
    counter.reload()
    counter.scan(wedge(NEW_CARD))
    assert counter.resident_name() == "张桂兰"
    counter.tap(dish)
    counter.page.wait_for_selector("#payable")
    receipt = counter.settle()
    counter.screenshot(artifacts, "cards-counter-new-card-1366x768")
    with database.reader() as session:
        [sale] = session.scalars(select(Sale))
        assert (sale.total_fen, wallet_of(session, zhang).balance_fen) == (1200, 5000 - sale.paid_fen)
    assert receipt.endswith(sale.receipt_no) and (sale.resident_id, sale.credential_kind) == (zhang, "card")


def test_a_cashier_may_not_open_the_card_pages(counter, make, artifacts):
    resident = make.resident()
    response = counter.page.goto(f"{counter.base}/cards/residents/{resident}/issue")
    assert response.status == 403
