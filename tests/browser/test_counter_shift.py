"""A shift at the counter: opened with a counted float, a cash sale, closed with a counted drawer; and Enter with
no shift open asks for one first (the canteen's "a sale needs an open shift")."""
import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from pos.auth.models import User
from pos.sales.models import Sale
from pos.shifts.models import Shift
from pos.shifts.services import close_shift
from tests.browser.counter_page import TIMEOUT_MS

pytestmark = pytest.mark.browser


def figure(page, name: str) -> str:
    return page.inner_text(f"#shift-report tr[data-figure={name}] td.num")


def test_a_shift_opened_and_closed(counter_off_shift, make, database, artifacts):
    counter = counter_off_shift
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


def test_enter_with_no_shift_open_asks_for_one_then_enter_settles(counter_off_shift, make, database, artifacts):
    counter, page = counter_off_shift, counter_off_shift.page
    dish = make.dish("盖浇饭套餐", 1500, "set")
    counter.reload()
    page.keyboard.press("F2")  # a walk-in pays cash
    counter.tap(dish)
    counter.payable("¥15.00")
    page.keyboard.press("Enter")
    expect(page.locator("#dialog")).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.locator("#shift-why")).to_have_text("尚未开班。请清点备用金并开班,然后按回车结账。",
                                                    timeout=TIMEOUT_MS)
    expect(page.locator("#shift-float")).to_be_focused(timeout=TIMEOUT_MS)
    counter.screenshot(artifacts, "counter-shift-asked")
    with database.unit_of_work() as session:
        assert session.scalars(select(Sale)).all() == []  # nothing was sent
    page.fill("#shift-float", "100")
    page.keyboard.press("Enter")
    expect(page.locator("#dialog")).not_to_be_visible(timeout=TIMEOUT_MS)
    expect(page.locator("#shift-button")).not_to_have_class(re.compile(r"\bnone\b"), timeout=TIMEOUT_MS)
    counter.payable("¥15.00")  # the order waited on screen
    assert page.evaluate("document.activeElement.id") == "scan"
    assert counter.settle().endswith("-0001")
    with database.unit_of_work() as session:
        [shift] = session.scalars(select(Shift)).all()
        [sale] = session.scalars(select(Sale)).all()
        assert (shift.opening_float_fen, shift.closed_at, sale.paid_fen, sale.payment_method) == (10000, None, 1500,
                                                                                                 "cash")


def test_a_shift_closed_elsewhere_asks_again_and_keeps_the_order(counter, make, database):
    dish = make.dish("盖浇饭套餐", 1500, "set")
    counter.reload()
    page = counter.page
    expect(page.locator("#shift-button")).not_to_have_class(re.compile(r"\bnone\b"), timeout=TIMEOUT_MS)
    with database.unit_of_work() as session:
        shift, cashier = session.scalars(select(Shift)).one(), session.scalars(select(User)).one()
    close_shift(database, shift.id, cashier, 0)  # closed on another screen: this one still shows it open
    page.keyboard.press("F2")
    counter.tap(dish)
    counter.payable("¥15.00")
    page.keyboard.press("Enter")  # sent, refused by the server: the shift dialog, the order kept
    expect(page.locator("#shift-why")).to_be_visible(timeout=TIMEOUT_MS)
    page.keyboard.press("Escape")
    expect(page.locator("#dialog")).not_to_be_visible(timeout=TIMEOUT_MS)
    counter.payable("¥15.00")
    with database.unit_of_work() as session:
        assert session.scalars(select(Sale)).all() == []


def test_with_the_setting_off_enter_settles_without_a_shift(counter_off_shift, make, database):
    make.canteen_settings(sale_needs_shift=False)
    dish = make.dish("盖浇饭套餐", 1500, "set")
    counter = counter_off_shift
    counter.reload()
    counter.page.keyboard.press("F2")
    counter.tap(dish)
    counter.payable("¥15.00")
    assert counter.settle().endswith("-0001")
    assert counter.page.text_content("#shift-button") == "未开班"
