"""The kitchen page in Chromium: tomorrow's lunch counted from two bookings, in Chinese then English, and the
sheet opened in a new tab as the PDF the kitchen pins up."""
from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect
from sqlalchemy import update

from pos.audit import SYSTEM
from pos.orders import services
from pos.orders.services import Booking
from pos.residents.models import Resident
from tests.browser.conftest import staff_page
from tests.browser.pdf_tab import pdf_in_new_tab
from tests.pos.orders.conftest import publish

pytestmark = pytest.mark.browser
TZ = "Asia/Shanghai"


def tomorrow() -> date:
    return datetime.now(ZoneInfo(TZ)).date() + timedelta(days=1)


def test_tomorrow_s_lunch_on_the_wall_and_on_paper(browser, live, make, database, artifacts, tmp_path):
    base, _token = live
    pork = make.dish("红烧肉", 800, name_en="Braised pork", attributes={"allergens": "soy"})
    publish(database, tomorrow(), "lunch", {"meat": pork, "vegetable": make.dish("清炒油菜", 400, "vegetable")})
    zhang, wang = make.resident(name="张桂兰"), make.resident(name="王秀英")
    with database.unit_of_work() as session:
        session.execute(update(Resident).where(Resident.id == wang).values(diet=["minced"], allergens=["soy"]))
        for resident, channel in ((zhang, "dine_in"), (wang, "delivery")):
            services.book(session, Booking(resident, tomorrow(), "lunch", channel), SYSTEM,
                          datetime.now(ZoneInfo(TZ)), TZ, "zh_CN")
    with staff_page(browser, base, make, "manager", "manager", "/kitchen") as page:
        page.goto(f"{base}/kitchen?day={tomorrow().isoformat()}&period=lunch")
        expect(page.locator("#meals")).to_have_text(f"{tomorrow().isoformat()} 午餐：共 2 份餐")
        expect(page.locator("#channel-delivery .value")).to_have_text("1")
        expect(page.locator("#texture-minced .value")).to_have_text("1")
        expect(page.locator(f"tr[data-dish='{pork}'] td")).to_have_text(["红烧肉", "2", "1", "0", "1"])
        expect(page.locator("#watch tr.conflict")).to_contain_text("王秀英")
        page.screenshot(path=artifacts / "kitchen-wall.png", full_page=True)
        text = pdf_in_new_tab(page, "#sheet", tmp_path, artifacts / "kitchen-sheet.png")
        assert "午餐 共 2 份餐" in text and "红烧肉 2 1 0 1" in text and "王秀英 送餐 碎食 大豆 红烧肉" in text
        page.click("text=English")
        expect(page.locator(f"tr[data-dish='{pork}'] td").first).to_have_text("Braised pork")
        expect(page.locator("#meals")).to_have_text(f"Lunch on {tomorrow().isoformat()}: 2 meals")
