"""Another resident presented while the order has dishes: the counter asks whose dishes they are before it
changes anything; the same resident again, or a first resident after dishes taken, changes nothing."""
import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
FIRST, SECOND = "04A1B2C3", "04D4E5F6"


@pytest.fixture
def two_residents(counter, make):
    """Two residents with cards and a 12-yuan dish; the page reloaded to show it. Returns the dish's id."""
    make.card(make.resident(name="陈淑珍", balance_fen=5000), FIRST)
    make.card(make.resident(name="王建国", balance_fen=5000), SECOND)
    dish = make.dish("鱼香肉丝", 1200)
    counter.reload()
    return dish


def order_of(counter) -> list[str]:
    return counter.page.locator("#order tr").all_inner_texts()


def asked(counter):
    """The question after the second resident's card, with the first one still shown behind it."""
    page = counter.page
    counter.scan(SECOND)
    expect(page.locator("#dialog-title")).to_have_text("换了一位居民：王建国")
    assert page.text_content("#dialog-body") == "订单里的菜是在显示 陈淑珍 时点的。这些菜是谁的？"
    assert page.locator("#dialog-actions button").all_inner_texts() == ["菜品留给 王建国", "为 王建国 重新点单", "取消"]
    assert counter.resident_name() == "陈淑珍"
    return page


def test_a_new_order_for_the_other_resident(counter, two_residents):
    counter.scan(FIRST)
    counter.tap(two_residents)
    counter.payable("¥10.00")
    page = asked(counter)
    page.keyboard.press("Enter")  # a wedge scan's Enter in the dialog chooses nothing
    expect(page.locator("#dialog")).to_be_visible()
    page.click("#other-resident-new")
    expect(page.locator("#resident-name")).to_have_text("王建国")
    expect(page.locator("#order tr")).to_have_count(0)
    assert page.evaluate("document.activeElement.id") == "scan"


def test_the_dishes_kept_for_the_other_resident(counter, two_residents):
    counter.scan(FIRST)
    counter.tap(two_residents, qty=2)
    page = asked(counter)
    page.click("#other-resident-keep")
    expect(page.locator("#resident-name")).to_have_text("王建国")
    assert len(order_of(counter)) == 1 and "2" in page.text_content("#order .line-qty")
    assert counter.settle().endswith("-0001")


def test_cancel_keeps_the_resident_and_the_order(counter, two_residents):
    counter.scan(FIRST)
    counter.tap(two_residents)
    page = asked(counter)
    page.keyboard.press("Escape")
    expect(page.locator("#dialog")).to_be_hidden()
    assert counter.resident_name() == "陈淑珍" and len(order_of(counter)) == 1
    asked(counter)
    page.click("#other-resident-cancel")
    expect(page.locator("#dialog")).to_be_hidden()
    assert counter.resident_name() == "陈淑珍" and len(order_of(counter)) == 1


def test_the_same_resident_again_or_a_first_card_after_the_dishes_asks_nothing(counter, two_residents):
    page = counter.page
    counter.tap(two_residents)
    counter.scan(FIRST)  # dishes first, then the card: the order is theirs
    expect(page.locator("#resident-name")).to_have_text("陈淑珍")
    counter.scan(FIRST)
    counter.payable("¥10.00")
    assert page.locator("#dialog").is_hidden() and len(order_of(counter)) == 1
