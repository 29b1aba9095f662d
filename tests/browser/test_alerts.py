"""Nobody slips through, in Chromium: a manager sees on the dashboard that a rider found 张桂兰 not at home, with
her emergency contact; a note is required to acknowledge it; with one it is acknowledged, and /alerts lists it
with the note and the residents not seen, with the days since their last meal and whom to call."""
from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from pos.alerts.services import raise_alert
from pos.audit import Actor
from pos.clock import utc_now
from tests.browser.conftest import staff_page
from tests.pos.alerts.conftest import contacts, order
from tests.support.selling import Till, local

pytestmark = pytest.mark.browser


def today() -> date:
    return datetime.now(ZoneInfo("Asia/Shanghai")).date()


@pytest.fixture
def manager(browser, live, make):
    base, _token = live
    with staff_page(browser, base, make, "manager", "manager", "/") as page:
        page.wait_for_url(f"{base}/")
        yield page, base


def test_a_manager_acknowledges_a_not_at_home_alert_and_sees_who_is_not_seen(manager, app, make, database,
                                                                             artifacts):
    page, base = manager
    zhang = contacts(database, make.resident("张桂兰", born=date(1940, 2, 3)))
    li = contacts(database, make.resident("李秀英", born=date(1942, 5, 6), balance_fen=20_000), phone="13700002222",
                  address="5号楼1单元302", emergency_name="李强", emergency_phone="13600003333")
    till, dish = Till.open(app, make, "counter-2"), make.dish("红烧肉", 1200)
    card = make.card(li)
    for n in range(9, 2, -1):  # lunch every day, until three days ago
        till.sell(local(today() - timedelta(days=n), 11, 30), {"card_uid": card}, (dish, 1))
    lunch = order(database, zhang, today(), status="not_served")
    with database.unit_of_work() as session:
        raise_alert(session, "missed_delivery", zhang, {"order_id": lunch, "meal_period": "lunch", "rider": "王师傅"},
                    Actor(), utc_now())

    page.goto(f"{base}/")
    attention = page.locator("#attention")
    expect(attention.locator("h2")).to_have_text("需要关注 · 1")
    row = attention.locator("tr[data-alert]")
    expect(row.locator(".what")).to_have_text("送餐时不在家 · 午餐 · 送餐员：王师傅")
    expect(row.locator(".emergency")).to_have_text("李建国 13900001111")
    expect(row.get_by_role("link", name="13900001111")).to_have_attribute("href", "tel:13900001111")
    page.screenshot(path=artifacts / "alerts-dashboard.png", full_page=True)

    row.get_by_role("button", name="确认处理").click()  # no note
    refused = page.locator("#open tr[data-alert]")
    expect(refused.locator(".error")).to_have_text("备注：必须填写：做了什么，例如给谁打了电话")
    refused.get_by_label("备注").fill("已联系女儿李建国，老人去医院复查了")
    refused.get_by_role("button", name="确认处理").click()

    page.wait_for_url(f"{base}/alerts")
    expect(page.locator(".flash.ok")).to_have_text("张桂兰：提醒已处理。")
    expect(page.locator("#open")).to_contain_text("没有待处理的提醒。")
    expect(page.locator("#acknowledged tr[data-alert] .note")).to_have_text("已联系女儿李建国，老人去医院复查了")
    not_seen = page.locator(f"#not-seen tr[data-resident='{li}']")
    expect(not_seen.locator(".last")).to_have_text((today() - timedelta(days=3)).isoformat())
    expect(not_seen.locator(".days")).to_have_text("3")
    expect(not_seen.locator(".emergency")).to_have_text("李强 13600003333")
    expect(page.locator("#not-seen tr[data-resident]")).to_have_count(1)
    page.screenshot(path=artifacts / "alerts-page.png", full_page=True)

    page.goto(f"{base}/")
    expect(page.locator("#attention")).to_contain_text("没有待处理的提醒。")
