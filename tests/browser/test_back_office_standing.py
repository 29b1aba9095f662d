"""Standing orders in Chromium: a manager sets "every weekday lunch, delivered" for a resident and pauses one day;
at the cut-off the meal appears on /orders for the next due day, and not on the paused day."""
from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from pos.orders import routes as order_routes
from pos.orders.models import MealOrder
from tests.browser.conftest import staff_page
from tests.pos.orders.conftest import at, publish

pytestmark = pytest.mark.browser


def next_weekday(after: date) -> date:
    """The first Monday-to-Friday day after `after`."""
    day = after + timedelta(days=1)
    while day.weekday() > 4:
        day += timedelta(days=1)
    return day


@pytest.fixture
def manager(browser, live, make):
    base, _token = live
    with staff_page(browser, base, make, "manager", "manager", "/orders") as page:
        page.wait_for_url(f"{base}/orders")
        yield page, base


def test_every_weekday_lunch_delivered_with_a_pause(manager, make, database, monkeypatch, artifacts):
    page, base = manager
    today = datetime.now(ZoneInfo("Asia/Shanghai")).date()
    due, paused = next_weekday(today), next_weekday(next_weekday(today))  # both after tomorrow's first day
    zhang = make.resident(name="张桂兰", born=date(1951, 6, 1), balance_fen=5000)
    make.resident(name="李秀英")
    pork, greens = make.dish("红烧肉", 800), make.dish("清炒油菜", 400, "vegetable")
    for day in (due, paused):
        publish(database, day, "lunch", {"meat": pork, "vegetable": greens})

    page.click("#standing-link")
    page.fill("#q", "zgl")
    page.press("#q", "Enter")
    page.locator(f"#found tr[data-resident='{zhang}'] a").click()
    form = page.locator("#add-standing")
    form.locator("select[name=meal_period]").select_option("lunch")
    form.locator("select[name=channel]").select_option("delivery")
    form.locator("input[name=starts_on]").fill(due.isoformat())
    form.get_by_role("button").click()
    expect(page.locator(".flash.ok")).to_contain_text("长期订餐已保存")
    row = page.locator("#standing tr[data-standing]")
    expect(row).to_contain_text("午餐")
    expect(row).to_contain_text("送餐")
    expect(row.locator(".days")).to_have_text("周一、周二、周三、周四、周五")

    pause = page.locator("#add-pause")
    pause.locator("input[name=from_day]").fill(paused.isoformat())
    pause.locator("input[name=to_day]").fill(paused.isoformat())
    pause.locator("input[name=reason]").fill("住院")
    pause.get_by_role("button").click()
    expect(page.locator(".flash.ok")).to_have_text(f"已暂停：{paused.isoformat()}至{paused.isoformat()}。")
    expect(page.locator("#pauses tr[data-pause]")).to_contain_text("住院")
    page.screenshot(path=artifacts / "standing-orders.png", full_page=True)

    for day in (due, paused):  # the manager opens /orders just after each day's lunch cut-off (09:30)
        monkeypatch.setattr(order_routes, "utc_now", lambda day=day: at(day, 9, 31))
        page.goto(f"{base}/orders?day={day.isoformat()}")
        expect(page.locator("#count-lunch .value")).to_have_text("1" if day == due else "0")
    page.goto(f"{base}/orders?day={due.isoformat()}")
    booked = page.locator("#orders-lunch tr[data-order]")
    expect(booked).to_contain_text("张桂兰")
    expect(booked.locator(".tag.standing")).to_have_text("长期")
    expect(booked).to_contain_text("送餐")
    expect(booked).to_contain_text("红烧肉、清炒油菜")
    page.screenshot(path=artifacts / "standing-orders-generated.png", full_page=True)
    page.goto(f"{base}/orders?day={paused.isoformat()}")
    expect(page.locator("#orders-lunch tbody")).to_have_text("暂无订单。")
    with database.reader() as session:
        assert [(o.resident_id, o.day, o.channel, o.standing_order_id is not None, o.booked_by_staff_id)
                for o in session.scalars(select(MealOrder))] == [(zhang, due, "delivery", True, None)]
