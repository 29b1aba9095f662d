"""The orders page in Chromium: a manager finds a resident, books tomorrow's set lunch by phone, sees it counted,
and cancels it before the cut-off; nothing is charged."""
from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from pos.ledger.posting import wallet_of
from pos.orders.models import MealOrder
from tests.browser.conftest import staff_page
from tests.pos.orders.conftest import publish

pytestmark = pytest.mark.browser


def tomorrow() -> date:
    return datetime.now(ZoneInfo("Asia/Shanghai")).date() + timedelta(days=1)


@pytest.fixture
def manager(browser, live, make):
    base, _token = live
    with staff_page(browser, base, make, "manager", "manager", "/orders") as page:
        page.wait_for_url(f"{base}/orders")
        yield page, base


def test_book_and_cancel_tomorrow_s_lunch(manager, make, database, artifacts):
    page, base = manager
    make.canteen()
    zhang = make.resident(name="张桂兰", born=date(1951, 6, 1), balance_fen=5000)
    make.resident(name="李秀英")
    publish(database, tomorrow(), "lunch", {"meat": make.dish("红烧肉", 800), "vegetable": make.dish("清炒油菜", 400,
                                                                                                "vegetable")})
    page.goto(f"{base}/orders")
    expect(page.locator("#count-lunch .value")).to_have_text("0")
    page.fill("#q", "zgl")
    page.press("#q", "Enter")
    row = page.locator(f"#found tr[data-resident='{zhang}']")
    expect(row).to_be_visible()
    row.locator("select[name=meal_period]").select_option("lunch")
    row.locator("select[name=channel]").select_option("delivery")
    row.locator("button").click()
    expect(page.locator(".flash.ok")).to_contain_text(f"张桂兰：午餐已预订（{tomorrow().isoformat()}）")
    expect(page.locator("#count-lunch .value")).to_have_text("1")
    booked = page.locator("#orders-lunch tr[data-order]")
    expect(booked).to_contain_text("红烧肉、清炒油菜")
    expect(booked).to_contain_text("送餐")
    expect(booked.locator(".status")).to_have_text("已预订")
    page.screenshot(path=artifacts / "orders-booked.png", full_page=True)
    booked.get_by_role("button").click()
    expect(page.locator(".flash.ok")).to_contain_text("张桂兰：订单已取消")
    expect(page.locator("#orders-lunch tr[data-order] .status")).to_have_text("已取消")
    expect(page.locator("#count-lunch .value")).to_have_text("0")
    with database.reader() as session:
        assert [o.status for o in session.scalars(select(MealOrder))] == ["cancelled"]
        assert wallet_of(session, zhang).balance_fen == 5000
