"""A resident without card at the counter, in a real browser: found by pinyin initials and settled after an
ID card check; a lost card shows its holder and is replaced before it pays; a QR pass offers 补卡."""
from datetime import date

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from cards.qrpass import dynamic_payload, static_payload
from pos.auth.models import User
from pos.clock import utc_now
from pos.residents.models import Resident
from pos.servicerecords.models import ServiceRecord
from pos.signins.secrets import hash_secret
from tests.browser.counter_page import TIMEOUT_MS
from tests.browser.records import give_pass, sales

pytestmark = pytest.mark.browser
BORN_1951 = date(1951, 6, 1)  # 75: the demo policy's 70–79 rule pays 2 yuan
CARD_UID = "04A1B2C3"
NEW_UID = "04D5E6F7"


def test_found_by_pinyin_initials_checked_by_id_card_and_settled(counter, make, database, artifacts):
    make.resident(name="张国立", born=BORN_1951, balance_fen=5000)
    resident = make.resident(name="张桂兰", born=BORN_1951, balance_fen=5000)
    moved = make.resident(name="张光亮", born=BORN_1951, balance_fen=5000)
    with database.unit_of_work() as session:
        gone = session.get_one(Resident, moved)
        gone.status, gone.status_date = "moved_away", date(2020, 1, 31)
    dish = make.dish("红烧肉", 1200)
    counter.reload()
    page = counter.page
    page.keyboard.press("F3")
    expect(page.locator("#search-text")).to_be_focused()
    page.keyboard.type("zgl")
    rows = page.locator("#search-results li")
    expect(rows).to_have_count(3, timeout=TIMEOUT_MS)
    # In pinyin order: 张光亮 (moved away, not to be chosen), 张国立, 张桂兰; the first who may settle is marked.
    expect(rows.nth(0)).to_contain_text("已迁出或已故")
    expect(rows.nth(1)).to_have_attribute("aria-selected", "true")
    page.keyboard.press("ArrowUp")  # round the list, past the one who moved away
    expect(rows.nth(2)).to_have_attribute("aria-selected", "true")
    page.keyboard.press("ArrowDown")
    expect(rows.nth(1)).to_have_attribute("aria-selected", "true")
    counter.screenshot(artifacts, "counter-find-resident")
    page.keyboard.press("ArrowDown")
    expect(page.locator("#search-results li[aria-selected=true] strong")).to_have_text("张桂兰")
    page.keyboard.press("Enter")
    expect(page.locator("#identity-text")).to_contain_text("张桂兰")
    page.keyboard.press("Enter")  # the confirming button has the focus
    expect(page.locator("#identity-mark")).to_have_text("未出示卡 · 已核验身份证", timeout=TIMEOUT_MS)
    assert counter.resident_name() == "张桂兰"
    assert page.is_visible("#card-replace")  # no card yet: 补卡 gives a first one
    expect(page.locator("#scan")).to_be_focused()
    counter.screenshot(artifacts, "counter-identity-checked")
    counter.tap(dish)
    counter.payable("¥10.00")
    assert counter.settle().endswith("-0001")
    with database.unit_of_work() as session:
        cashier = session.scalars(select(User.id).where(User.username == "cashier")).one()
    [sale] = sales(database)
    assert (sale.resident_id, sale.credential_kind, sale.credential_ref, sale.cashier_id, sale.subsidy_fen,
            sale.paid_fen) == (resident, "identity_check", str(cashier), cashier, 200, 1000)


def test_a_lost_card_shows_its_holder_and_pays_only_once_replaced(counter, make, database, artifacts):
    resident = make.resident(name="刘玉梅", born=BORN_1951, balance_fen=5000)
    make.card(resident, CARD_UID, status="blocked")
    dish = make.dish("清蒸鱼", 1200)
    counter.reload()
    page = counter.page
    counter.scan(CARD_UID)
    assert counter.alert().startswith(f"卡 {CARD_UID}（刘玉梅）已挂失，不能付款")
    assert counter.resident_name() == "刘玉梅"
    expect(page.locator("#card-status")).to_contain_text("已挂失")
    assert page.text_content("#resident-balance") == "¥50.00"
    assert page.is_visible("#identity-check") and not page.is_visible("#card-lost")
    counter.screenshot(artifacts, "counter-lost-card-holder")
    counter.tap(dish)
    assert page.is_disabled("#settle")
    page.keyboard.press("Enter")
    expect(page.locator("#alert-text")).to_have_text("挂失的卡不能付款。请先补卡，或核验身份证。")
    assert sales(database) == []
    page.click("#card-replace")
    assert CARD_UID in page.text_content("#replace-note")
    page.keyboard.type(NEW_UID)
    page.keyboard.press("Enter")
    expect(page.locator("#resident-card")).to_have_text(NEW_UID, timeout=TIMEOUT_MS)
    counter.payable("¥10.00")  # the dish taken before stays on the order
    assert counter.settle().endswith("-0001")
    [sale] = sales(database)
    assert (sale.resident_id, sale.credential_kind, sale.credential_ref, sale.paid_fen) == (
        resident, "card", NEW_UID, 1000)


def test_a_lost_card_settles_after_an_id_card_check(counter, make, database):
    resident = make.resident(name="陈淑珍", born=BORN_1951, balance_fen=5000)
    make.card(resident, CARD_UID, status="blocked")
    dish = make.dish("清蒸鱼", 1200)
    counter.reload()
    page = counter.page
    counter.scan(CARD_UID)
    page.click("#identity-check")
    page.click("#identity-confirm")
    expect(page.locator("#identity-mark")).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.locator("#card-status")).to_contain_text("补卡")  # the lost card can still be replaced
    counter.tap(dish)
    counter.payable("¥10.00")
    assert counter.settle().endswith("-0001")
    assert [(s.resident_id, s.credential_kind) for s in sales(database)] == [(resident, "identity_check")]


@pytest.mark.parametrize("printed", [False, True], ids=["phone", "printed"])
def test_a_qr_pass_offers_to_replace_the_lost_card(counter, make, database, printed):
    resident = make.resident(name="赵淑芬", born=BORN_1951, balance_fen=3000)
    make.card(resident, CARD_UID, status="blocked")
    secret = give_pass(database, resident)
    code = static_payload(resident, secret, 1) if printed else dynamic_payload(resident, secret, utc_now())
    counter.reload()
    page = counter.page
    counter.scan(code)
    expect(page.locator("#resident-name")).to_have_text("赵淑芬", timeout=TIMEOUT_MS)
    expect(page.locator("#card-replace")).to_have_text("补卡")
    expect(page.locator("#card-status")).to_contain_text(f"卡 {CARD_UID} 已挂失")
    assert page.is_visible("#subsidy-status") and not page.is_visible("#identity-check")
    page.click("#card-replace")
    page.keyboard.type(NEW_UID)
    page.keyboard.press("Enter")
    expect(page.locator("#resident-card")).to_have_text(NEW_UID, timeout=TIMEOUT_MS)


def test_a_meal_collected_by_someone_else_keeps_their_name(counter, make, database, artifacts):
    resident = make.resident(name="赵秀英", born=BORN_1951, balance_fen=5000)
    make.card(resident, CARD_UID)
    dish = make.dish("红烧肉", 1200)
    counter.reload()
    page = counter.page
    counter.scan(CARD_UID)
    page.click("#proxy")
    expect(page.locator("#dialog-title")).to_have_text("谁为赵秀英代领？")
    page.keyboard.press("Enter")  # no name: refused, the dialog stays
    expect(page.locator("#dialog-error")).to_have_text("请输入代领人姓名。")
    page.fill("#proxy-name", " 王 芳 ")
    page.keyboard.press("Enter")
    expect(page.locator("#proxy-mark")).to_have_text("代领人：王 芳")
    page.click("#proxy-clear")  # the resident came after all
    expect(page.locator("#proxy-mark")).to_have_count(0)
    page.click("#proxy")
    page.fill("#proxy-name", "王芳")
    page.click("#proxy-confirm")
    expect(page.locator("#proxy-mark")).to_have_text("代领人：王芳")
    counter.screenshot(artifacts, "counter-proxy")
    counter.tap(dish)
    counter.payable("¥10.00")
    assert counter.settle().endswith("-0001")
    [sale] = sales(database)
    with database.reader() as session:
        record = session.scalars(select(ServiceRecord)).one()
    assert (sale.credential_kind, sale.proxy_name, record.identified, record.proxy_name) == (
        "card", "王芳", "proxy", "王芳")
    expect(page.locator("#proxy-mark")).to_have_count(0)  # the next resident starts without one


def test_found_and_identified_by_the_pin_they_type(counter, make, database, artifacts):
    resident = make.resident(name="张桂兰", born=BORN_1951, balance_fen=5000)
    with database.unit_of_work() as session:
        session.get_one(Resident, resident).pin_hash = hash_secret("2468")
    dish = make.dish("红烧肉", 1200)
    counter.reload()
    page = counter.page
    page.keyboard.press("F3")
    page.keyboard.type("zgl")
    expect(page.locator("#search-results li")).to_have_count(1, timeout=TIMEOUT_MS)
    page.keyboard.press("Enter")
    page.click("#identity-pin")
    expect(page.locator("#dialog-title")).to_have_text("请张桂兰输入密码")
    page.fill("#counter-pin", "1357")
    page.keyboard.press("Enter")
    expect(page.locator("#dialog-error")).to_contain_text("密码错误", timeout=TIMEOUT_MS)
    expect(page.locator("#counter-pin")).to_have_value("")
    page.fill("#counter-pin", "2468")
    page.keyboard.press("Enter")
    expect(page.locator("#identity-mark")).to_have_text("未出示卡 · 已输入密码", timeout=TIMEOUT_MS)
    counter.screenshot(artifacts, "counter-pin-typed")
    counter.tap(dish)
    counter.payable("¥10.00")
    assert counter.settle().endswith("-0001")
    [sale] = sales(database)
    assert (sale.resident_id, sale.credential_kind, sale.paid_fen) == (resident, "pin", 1000)
