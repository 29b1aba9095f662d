"""A resident who booked lunch comes to the counter, in Chromium: the booking is on the screen at the scan, one Enter
serves it (one sale, the order served, the ledger whole); dishes changed at their request are quoted and served."""
from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from pos.audit import Actor
from pos.audit.models import AuditEntry
from pos.integrity.verify import verify_ledger
from pos.orders import services
from pos.orders.models import MealOrder
from pos.orders.services import Booking
from tests.browser.records import sales
from tests.pos.orders.conftest import at, publish

pytestmark = pytest.mark.browser
SHANGHAI = "Asia/Shanghai"
CARD_UID = "04A1B2C3"
BORN_1951 = date(1951, 6, 1)  # 75: the demo policy's 70–79 rule pays 2 yuan


def today() -> date:
    return datetime.now(ZoneInfo(SHANGHAI)).date()  # the canteen's day


@pytest.fixture
def booked(counter, make, database) -> dict[str, int]:
    """陈淑珍's set lunch booked yesterday for pick-up: braised pork and greens; rice is on sale, not on the menu."""
    resident = make.resident(name="陈淑珍", born=BORN_1951, balance_fen=5000)
    make.card(resident, CARD_UID)
    dishes = {"pork": make.dish("红烧肉", 800), "greens": make.dish("清炒油菜", 400, "vegetable"),
              "rice": make.dish("米饭", 100, "staple")}
    publish(database, today(), "lunch", {"meat": dishes["pork"], "vegetable": dishes["greens"]})
    with database.unit_of_work() as session:
        order = services.book(session, Booking(resident, today(), "lunch", "pick_up"), Actor(),
                              at(today() - timedelta(days=1), 8), SHANGHAI, "zh_CN")
    counter.reload()
    return dishes | {"order": order["id"], "resident": resident}


def served(database, order_id: int) -> MealOrder:
    with database.unit_of_work() as session:
        order = session.get_one(MealOrder, order_id)
        session.expunge(order)
        return order


def test_one_enter_serves_the_booked_lunch(counter, booked, database, artifacts):
    page = counter.page
    counter.scan(CARD_UID)
    expect(page.locator("#booking")).to_have_text("已预约：午餐，自取。按 Enter 结算；如要换菜，直接改。")
    expect(page.locator("#order tr[data-line]")).to_have_count(2)
    counter.payable("¥10.00")  # 12 − 2 (70–79)
    counter.screenshot(artifacts, "counter-booked-lunch")
    assert counter.settle().endswith("-0001")
    expect(page.locator("#booking")).to_be_hidden()
    [sale] = sales(database)
    order = served(database, booked["order"])
    assert (order.status, order.sale_id, sale.paid_fen, sale.channel, sale.credential_kind, sale.credential_ref) == (
        "served", sale.id, 1000, "pick_up", "card", CARD_UID)  # the card shown identifies the resident
    with database.unit_of_work() as session:
        assert verify_ledger(session).violations == []


def test_dishes_changed_at_the_counter_are_quoted_and_served(counter, booked, database):
    page = counter.page
    counter.scan(CARD_UID)
    expect(page.locator("#order tr[data-line]")).to_have_count(2)
    page.click(f"#order tr[data-line='{booked['greens']}'] .del")
    counter.tap(booked["rice"], qty=2)
    counter.payable("¥8.00")  # pork 8 + rice 2 − 2
    counter.settle()
    [sale] = sales(database)
    assert (sale.total_fen, sale.paid_fen) == (1000, 800)
    order = served(database, booked["order"])
    with database.unit_of_work() as session:
        lines = sorted((line.dish_id, line.qty) for line in session.get_one(MealOrder, order.id).lines)
        actions = session.scalars(select(AuditEntry.action).where(AuditEntry.subject_id == str(order.id),
                                                                  AuditEntry.action.like("order.%"))).all()
    assert lines == sorted([(booked["pork"], 1), (booked["rice"], 2)])
    assert actions == ["order.booked", "order.changed", "order.served"]


def test_a_resident_without_a_booking_buys_as_before(counter, booked, make, database):
    other = make.resident(name="王建国", balance_fen=5000)
    make.card(other, "04D4E5F6")
    counter.scan("04D4E5F6")
    counter.page.wait_for_selector("#resident-name")
    expect(counter.page.locator("#booking")).to_be_hidden()
    counter.tap(booked["rice"])
    counter.payable("¥1.00")
    counter.settle()
    assert served(database, booked["order"]).status == "booked"


def test_a_meal_booked_for_tomorrow_from_the_counter(counter, booked, make, database):
    page = counter.page
    tomorrow = today() + timedelta(days=1)
    publish(database, tomorrow, "lunch", {"meat": booked["pork"], "vegetable": booked["greens"]})
    counter.scan(CARD_UID)
    page.wait_for_selector("#resident-name")
    page.keyboard.press("F9")
    expect(page.locator("#book-day button[aria-pressed=true]")).to_have_text(f"明天 {tomorrow.isoformat()[5:]}")
    page.click("#book-channel button[data-value=delivery]")
    page.click("#book-confirm")
    expect(page.locator("#alert-text")).to_have_text(
        f"已为陈淑珍预订 {tomorrow.isoformat()[5:]} 午餐（送餐），供餐时约付 ¥10.00。")
    page.click("#book-button")  # again: the same meal is booked already, and nothing is written twice
    page.click("#book-confirm")
    expect(page.locator("#dialog-error")).to_have_text(f"陈淑珍已预订{tomorrow.isoformat()}的午餐；如需改订，请先取消")
    with database.unit_of_work() as session:
        orders = session.scalars(select(MealOrder).where(MealOrder.day == tomorrow)).all()
        assert [(o.channel, o.booked_by_staff_id is not None) for o in orders] == [("delivery", True)]
