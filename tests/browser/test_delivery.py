"""Home delivery in Chromium: a manager plans the lunch runs, gives them to a rider, sends them out and prints the
run sheet; the rider, on a phone, marks one stop delivered (its answer lost on the way, so the tap goes again: one
sale, with the delivery fee and its subsidy) and one not at home; the ledger stays whole."""
from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect
from sqlalchemy import select, update

from pos.audit import Actor
from pos.integrity.verify import verify_ledger
from pos.orders import services
from pos.orders.models import MealOrder
from pos.orders.services import Booking
from pos.residents.models import Resident
from tests.browser.conftest import page_errors, staff_page
from tests.browser.pdf_tab import pdf_in_new_tab
from tests.browser.records import sales
from tests.pos.orders.conftest import at, publish

pytestmark = pytest.mark.browser
SHANGHAI = "Asia/Shanghai"
PHONE = {"width": 390, "height": 844}
BORN_1951 = date(1951, 6, 1)  # 75: 2 yuan off lunch; 失能 (disabled_care): 3 yuan off the delivery fee


def today() -> date:
    return datetime.now(ZoneInfo(SHANGHAI)).date()


@pytest.fixture
def lunches(make, database) -> dict[str, int]:
    """Two delivery lunches booked yesterday in 幸福里小区: 李 in building 1, 王 in building 3; the fee is 3 yuan."""
    make.dish("送餐费", 300, "other", is_delivery_fee=True)
    publish(database, today(), "lunch", {"meat": make.dish("红烧肉", 800), "vegetable": make.dish("清炒油菜", 400,
                                                                                             "vegetable")})
    li = make.resident(name="李桂兰", born=BORN_1951, balance_fen=5000, community="", categories=("disabled_care",))
    wang = make.resident(name="王秀英", born=BORN_1951, balance_fen=5000, community="")
    orders = {}
    with database.unit_of_work() as session:
        for resident, address, phone in ((li, "幸福里小区1号楼1单元101室", "13800000002"),
                                         (wang, "幸福里小区3号楼2单元501室", "13800000001")):
            session.execute(update(Resident).where(Resident.id == resident).values(address=address, phone=phone))
            orders[resident] = services.book(session, Booking(resident, today(), "lunch", "delivery"), Actor(),
                                             at(today() - timedelta(days=1), 8), SHANGHAI, "zh_CN")["id"]
    return {"李桂兰": orders[li], "王秀英": orders[wang]}


def test_a_round_planned_sent_out_and_delivered_from_a_phone(browser, live, make, database, lunches, artifacts,
                                                             tmp_path):
    base, _token = live
    make.user(username="rider", role="rider", password="secret-pass")
    with staff_page(browser, base, make, "manager", "manager", "/deliveries") as page:
        page.wait_for_url(f"{base}/deliveries")
        page.click("#plan")
        expect(page.locator(".run")).to_have_count(1)
        run = page.locator(".run[data-area='幸福里小区']")
        expect(run.locator("tbody tr td:nth-child(2)")).to_have_text(["李桂兰", "王秀英"])  # building 1, then 3
        expect(run.locator("tbody tr td:nth-child(5)")).to_have_text(["¥10.00", "¥13.00"])  # 15 − 5; 15 − 2
        run.locator("select[name=rider_id]").select_option(label="rider")
        run.locator("button", has_text="指定").click()
        page.locator(".run button", has_text="出发").click()
        expect(page.locator(".run .sent")).to_contain_text("出发")
        page.screenshot(path=str(artifacts / "delivery-runs.png"))
        sheet = pdf_in_new_tab(page, ".run a[href$='sheet.pdf']", tmp_path, artifacts / "delivery-run-sheet.png")
    assert "幸福里小区" in sheet and "送餐员: rider" in sheet
    assert sheet.index("李桂兰") < sheet.index("王秀英") and "¥10.00" in sheet and "签收" in sheet

    context = browser.new_context(viewport=PHONE, locale="zh-CN", is_mobile=True, has_touch=True)
    phone = context.new_page()
    errors = page_errors(phone)
    phone.goto(f"{base}/login")
    phone.fill("input[name=username]", "rider")
    phone.fill("input[name=password]", "secret-pass")
    phone.click("button[type=submit]")
    phone.wait_for_url(f"{base}/deliver")
    expect(phone.locator(".stop .who")).to_have_text(["1. 李桂兰", "2. 王秀英"])
    expect(phone.locator(".stop").first.locator("a.call")).to_have_attribute("href", "tel:13800000002")
    phone.screenshot(path=str(artifacts / "delivery-rider-phone.png"))

    # The first "delivered" reaches the server, but its answer is lost on the way back: the page sends it again.
    answers = []

    def lose_the_first_answer(route):
        response = route.fetch()
        answers.append(response.status)
        if len(answers) == 1:
            route.abort("connectionreset")
        else:
            route.fulfill(response=response)

    phone.route("**/deliver/stops/*", lose_the_first_answer)
    phone.locator(".stop").first.locator("button.delivered").click()
    expect(phone.locator("#deliver-message")).to_contain_text("第 1 站：已送达，小票")
    expect(phone.locator(".stop").first.locator(".outcome")).to_contain_text("已送达")
    phone.unroute("**/deliver/stops/*")
    phone.locator(".stop").nth(1).locator("button.not_at_home").click()
    expect(phone.locator(".stop").nth(1).locator(".outcome")).to_contain_text("不在家")
    context.close()
    assert errors == []

    assert answers == [200, 200]
    [sale] = sales(database)
    assert (sale.channel, sale.total_fen, sale.subsidy_fen, sale.paid_fen) == ("delivery", 1500, 500, 1000)
    with database.unit_of_work() as session:
        statuses = dict(session.execute(select(MealOrder.id, MealOrder.status)).all())
        assert verify_ledger(session).violations == []
    assert statuses == {lunches["李桂兰"]: "served", lunches["王秀英"]: "not_served"}
