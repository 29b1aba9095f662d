"""The counter by keyboard alone, in Chromium: Tab reaches the dishes (one stop, the arrows move within), Enter
adds the dish and the focus comes back to the scan field; the order lines are a Tab stop of their own where
+ − Del change the marked line; and a card number typed while a button has the focus still lands in the scan
field, as a keyboard-wedge reader types it."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
CARD_UID = "04A1B2C3"
FOCUSED = "document.activeElement.id || document.activeElement.dataset.dish || document.activeElement.dataset.line"


def focused(page) -> str:
    """What has the focus: an id, or a dish's or an order line's dish id."""
    return page.evaluate(FOCUSED)


def dish_at(page, dish: int):
    return page.locator(f"button[data-dish='{dish}']")


def test_tab_reaches_a_dish_enter_adds_it_and_the_scan_field_gets_the_focus_back(counter, make):
    for i, name in enumerate(("红烧肉", "清炒油菜", "番茄炒蛋", "米饭")):
        make.dish(name, 500 + 100 * i)
    counter.reload()
    page = counter.page
    dishes = [int(d) for d in page.eval_on_selector_all(".dish", "all => all.map((b) => b.dataset.dish)")]
    assert len(dishes) == 4
    assert focused(page) == "scan"
    page.keyboard.press("Tab")
    expect(dish_at(page, dishes[0])).to_be_focused()  # the grid is one Tab stop: its first dish
    page.keyboard.press("Enter")
    expect(page.locator("#order tr[data-line]")).to_have_count(1)
    assert page.text_content("#order .line-name") == page.text_content(f"button[data-dish='{dishes[0]}'] .name")
    expect(page.locator("#scan")).to_be_focused()

    page.keyboard.press("Tab")
    expect(dish_at(page, dishes[0])).to_be_focused()
    page.keyboard.press("ArrowRight")
    expect(dish_at(page, dishes[1])).to_be_focused()
    page.keyboard.press("ArrowDown")  # two dishes a row at 1366×768: the one below
    expect(dish_at(page, dishes[3])).to_be_focused()
    page.keyboard.press("ArrowLeft")
    expect(dish_at(page, dishes[2])).to_be_focused()
    page.keyboard.press("ArrowUp")
    expect(dish_at(page, dishes[0])).to_be_focused()
    page.keyboard.press("End")
    expect(dish_at(page, dishes[3])).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#scan")).to_be_focused()
    page.keyboard.press("Tab")  # the grid's stop is now the dish last used
    expect(dish_at(page, dishes[3])).to_be_focused()
    assert [b.get_attribute("tabindex") for b in page.locator(".dish").all()] == ["-1", "-1", "-1", "0"]

    # Tab on from the grid: the order lines (the marked one), then Settle is skipped while disabled.
    page.keyboard.press("Tab")
    expect(page.locator(f"#order tr[data-line='{dishes[3]}']")).to_be_focused()
    page.keyboard.press("ArrowUp")
    expect(page.locator(f"#order tr[data-line='{dishes[0]}']")).to_be_focused()
    assert page.get_attribute("#order tr.picked", "data-line") == str(dishes[0])
    page.keyboard.press("+")
    page.keyboard.press("+")
    expect(page.locator("#order tr.picked .line-qty")).to_have_text("3")
    expect(page.locator(f"#order tr[data-line='{dishes[0]}']")).to_be_focused()  # still on the line, drawn again
    page.keyboard.press("-")
    expect(page.locator("#order tr.picked .line-qty")).to_have_text("2")
    page.keyboard.press("Delete")
    expect(page.locator("#order tr[data-line]")).to_have_count(1)
    expect(page.locator(f"#order tr[data-line='{dishes[3]}']")).to_be_focused()
    page.keyboard.press("Enter")  # done with the lines
    expect(page.locator("#scan")).to_be_focused()


def test_a_card_typed_while_a_button_has_the_focus_lands_in_the_scan_field(counter, make):
    resident = make.resident(name="张桂兰", balance_fen=5000)
    make.card(resident, CARD_UID)
    dish = make.dish("红烧肉", 1200)
    counter.reload()
    page = counter.page
    page.keyboard.press("Tab")
    expect(dish_at(page, dish)).to_be_focused()
    page.keyboard.type(CARD_UID)  # a wedge reader types the card number, then Enter
    expect(page.locator("#scan")).to_be_focused()
    expect(page.locator("#scan")).to_have_value(CARD_UID)
    page.keyboard.press("Enter")
    expect(page.locator("#resident-name")).to_have_text("张桂兰")

    # Shift+Tab to the header's last button, and a digit typed: it too goes to the scan field (a quantity here).
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.tagName") == "BUTTON"
    page.keyboard.type("2")
    expect(page.locator("#scan")).to_have_value("2")
    expect(page.locator("#qty-hint")).to_be_visible()
    counter.tap(dish)
    expect(page.locator("#order tr.picked .line-qty")).to_have_text("2")
    expect(page.locator("#scan")).to_be_focused()


def test_the_focus_comes_back_to_the_scan_field_when_it_would_fall_to_nothing(counter, make):
    dish = make.dish("红烧肉", 1200)
    counter.reload()
    page = counter.page
    counter.tap(dish)
    page.mouse.click(5, 400)  # the page's background
    expect(page.locator("#scan")).to_be_focused()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(page.locator("#order tr[data-line]")).to_be_focused()
    page.keyboard.press("Delete")  # the last line goes, and with it the focused row
    expect(page.locator("#order tr[data-line]")).to_have_count(0)
    expect(page.locator("#scan")).to_be_focused()
    page.keyboard.press("F8")  # a dialog takes the focus (closing the shift the fixture opened); closed, it gives it back
    expect(page.locator("#shift-counted")).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.locator("#scan")).to_be_focused()
