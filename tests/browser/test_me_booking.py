"""/me at phone size in Chromium: a resident books tomorrow's set lunch before the cut-off, sees it on /me and
cancels it; after the cut-off the button is gone and a forged post changes nothing; a family member signs in by
phone number, books for their relative and cannot open another resident's meals. Nothing is charged."""
from __future__ import annotations

from contextlib import contextmanager
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from pos.audit import SYSTEM
from pos.clock import utc_now
from pos.credentials.pins import set_pin
from pos.family.services import FamilyIn, add_family_member
from pos.ledger.posting import wallet_of
from pos.orders.models import MealOrder
from tests.browser.conftest import ALL_DAY_LUNCH, page_errors
from tests.browser.counter_page import TIMEOUT_MS
from tests.pos.orders.conftest import publish

pytestmark = pytest.mark.browser
PHONE_SIZE = {"width": 390, "height": 844}
OPEN, CLOSED = "lunch=0@23:59", "lunch=1@00:00"  # tomorrow's lunch: closes tomorrow night, or closed at midnight


def tomorrow() -> date:
    return datetime.now(ZoneInfo("Asia/Shanghai")).date() + timedelta(days=1)


@contextmanager
def phone(browser, base: str):
    """A phone of its own, in Chinese, that fails the test on any error of its pages."""
    context = browser.new_context(viewport=PHONE_SIZE, locale="zh-CN", is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    errors = page_errors(page)
    page.goto(f"{base}/me/sign-in")
    try:
        yield page
    finally:
        context.close()
    assert errors == [], f"JavaScript errors or blocked scripts on the page: {errors}"


def canteen(make, database, cutoffs: str) -> int:
    """The canteen with tomorrow's set lunch published, and 张桂兰 (75, 50 yuan) with card 04A1B2C3 and PIN 2580."""
    make.canteen(hours=ALL_DAY_LUNCH, order_cutoffs=cutoffs)
    zhang = make.resident(name="张桂兰", born=date(1951, 6, 1), balance_fen=5000)
    make.card(zhang)
    set_pin(database, zhang, "2580", SYSTEM, utc_now())
    publish(database, tomorrow(), "lunch", {"meat": make.dish("红烧肉", 800), "vegetable": make.dish("清炒油菜", 400,
                                                                                                "vegetable")})
    return zhang


def orders(database) -> list[tuple[str, int | None, int | None]]:
    with database.reader() as session:
        return [(o.status, o.booked_by_resident_id, o.booked_by_family_member_id)
                for o in session.scalars(select(MealOrder).order_by(MealOrder.id))]


def test_a_resident_books_tomorrow_s_lunch_and_cancels_it(browser, live, make, database, artifacts):
    base, _token = live
    zhang = canteen(make, database, OPEN)
    with phone(browser, base) as page:
        page.fill("input[name=card]", "04A1B2C3")
        page.fill("input[name=pin]", "2580")
        page.click("form:has(input[name=card]) button[type=submit]")
        page.get_by_role("link", name="订餐").click()
        lunch = page.locator(f"#meal-{tomorrow().isoformat()}-lunch")
        expect(lunch.locator(".dishes")).to_have_text("红烧肉、清炒油菜")
        expect(lunch.locator(".price")).to_have_text("价格¥12.00，补贴¥2.00，应付¥10.00")
        lunch.get_by_label("送餐").check()
        page.screenshot(path=artifacts / "me-booking-open.png", full_page=True)
        lunch.get_by_role("button", name="预订").click()
        expect(page.locator(".flash.ok")).to_have_text(f"{tomorrow().isoformat()}的午餐已预订。")
        expect(lunch.locator(".tag.booked")).to_have_text("已预订 · 送餐")
        page.get_by_role("link", name="返回").click()
        expect(page.locator(f"#orders-{zhang} li[data-order]")).to_contain_text("午餐 · 送餐")
        assert orders(database) == [("booked", zhang, None)]
        page.get_by_role("link", name="订餐").click()
        page.once("dialog", lambda dialog: dialog.accept())
        lunch.get_by_role("button", name="取消预订").click()
        expect(page.locator(".flash.ok")).to_have_text("已取消，不收费。")
        expect(lunch.get_by_role("button", name="预订")).to_be_visible()
    assert orders(database) == [("cancelled", zhang, None)]
    with database.reader() as session:
        assert wallet_of(session, zhang).balance_fen == 5000


def test_after_the_cut_off_the_button_is_gone_and_a_forged_post_is_refused(browser, live, make, database, artifacts):
    base, _token = live
    zhang = canteen(make, database, CLOSED)
    with phone(browser, base) as page:
        page.fill("input[name=card]", "04A1B2C3")
        page.fill("input[name=pin]", "2580")
        page.click("form:has(input[name=card]) button[type=submit]")
        page.goto(f"{base}/me/residents/{zhang}/meals")
        lunch = page.locator(f"#meal-{tomorrow().isoformat()}-lunch")
        expect(lunch.locator(".closed")).to_have_text(f"订餐已于{tomorrow() - timedelta(days=1):%m-%d} 00:00截止。")
        expect(lunch.locator("button")).to_have_count(0)
        page.screenshot(path=artifacts / "me-booking-closed.png", full_page=True)
        page.evaluate("""([resident, day]) => {
            const form = document.createElement('form');
            form.method = 'post';
            form.action = `/me/residents/${resident}/meals`;
            for (const [name, value] of Object.entries({idempotency_key: 'forged-after-cut-off', day: day,
                                                         meal_period: 'lunch', channel: 'dine_in'})) {
              const input = document.createElement('input');
              input.type = 'hidden'; input.name = name; input.value = value; form.appendChild(input);
            }
            document.body.appendChild(form);
            form.submit();
        }""", [zhang, tomorrow().isoformat()])
        expect(page.locator(".flash.error")).to_contain_text(f"预订{tomorrow().isoformat()}的午餐已于")
        expect(page.locator(".flash.error")).to_contain_text("截止")
    assert orders(database) == []


def test_a_family_member_books_for_their_relative_only(browser, live, make, database, artifacts):
    base, _token = live
    zhang = canteen(make, database, OPEN)
    wang = make.resident(name="王建国", balance_fen=3000)
    son = add_family_member(database, zhang, FamilyIn("李强", "13912345678", "儿子", "4682"), SYSTEM, utc_now())["id"]
    with phone(browser, base) as page:
        page.fill("input[name=family-phone]", "139 1234 5678")
        page.fill("input[name=family-pin]", "4682")
        page.get_by_role("button", name="家属登录").click()
        card = page.locator(f"#resident-{zhang}")
        expect(card).to_contain_text("张桂兰")
        expect(card.locator(".balance strong")).to_have_text("¥50.00")
        expect(page.locator(f"#resident-{wang}")).to_have_count(0)
        card.get_by_role("link", name="订餐").click()
        lunch = page.locator(f"#meal-{tomorrow().isoformat()}-lunch")
        lunch.get_by_role("button", name="预订").click()
        expect(lunch.locator(".tag.booked")).to_have_text("已预订 · 堂食")
        page.screenshot(path=artifacts / "me-booking-family.png", full_page=True)
        response = page.goto(f"{base}/me/residents/{wang}/meals")
        assert response is not None and response.status == 403
        expect(page.locator("body")).to_contain_text("您只能查看和预订与您关联的居民的餐")
    assert orders(database) == [("booked", None, son)]
