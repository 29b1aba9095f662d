"""A shift at the counter: opened with a counted float, a cash sale, closed with a counted drawer."""
import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from pos.shifts.models import Shift
from tests.browser.counter_page import TIMEOUT_MS

pytestmark = pytest.mark.browser


def figure(page, name: str) -> str:
    return page.inner_text(f"#shift-report tr[data-figure={name}] td.num")


def test_a_shift_opened_and_closed(counter, make, database, artifacts):
    dish = make.dish("盖浇饭套餐", 1500, "set")
    counter.reload()
    page = counter.page
    assert page.text_content("#shift-button") == "未开班"
    page.keyboard.press("F8")
    page.fill("#shift-float", "200")
    page.keyboard.press("Enter")
    expect(page.locator("#shift-button")).to_contain_text("开班", timeout=TIMEOUT_MS)
    expect(page.locator("#shift-button")).not_to_have_class(re.compile(r"\bnone\b"), timeout=TIMEOUT_MS)
    assert page.evaluate("document.activeElement.id") == "scan"
    page.keyboard.press("F2")  # a walk-in pays cash
    counter.tap(dish)
    counter.payable("¥15.00")
    assert counter.settle().endswith("-0001")
    page.keyboard.press("F8")
    assert figure(page, "expected_cash") == "¥215.00"
    page.fill("#shift-counted", "214.5")
    page.click("#shift-close")
    page.wait_for_selector("#shift-closed")
    shown = (figure(page, "meals"), figure(page, "cash_takings"), figure(page, "difference"))
    assert shown == ("1", "¥15.00", "-¥0.50")
    counter.screenshot(artifacts, "counter-shift-report")
    with database.unit_of_work() as session:
        [shift] = session.scalars(select(Shift)).all()
        assert (shift.opening_float_fen, shift.counted_cash_fen, shift.expected_cash_fen) == (20000, 21450, 21500)
    page.click("#shift-dismiss")
    assert page.text_content("#shift-button") == "未开班"
