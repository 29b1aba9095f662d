"""The dish catalog in a real browser: a manager adds a dish and prices it from tomorrow, the counter sells it
today at the old price, and once it is off sale the counter no longer offers it. Screenshots at 1366x768."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from pos.clock import local_date, utc_now
from pos.dishes.models import Dish
from pos.sales.models import Sale, SaleLine
from tests.browser.conftest import staff_page

pytestmark = pytest.mark.browser
BORN_1951 = date(1951, 6, 1)  # 75: the demo policy's 70–79 rule pays 2 yuan
CARD_UID = "04A1B2C3"
BAD_CSV = "菜名,类别,售价(元),主料,食物类别,做法,过敏原,餐次\n红烧肉,荤菜,12,猪肉,猪肉,烧焖,大豆、榴莲,午餐\n"


@pytest.fixture
def manager_page(browser, live, make):
    """A manager signed in on the till's screen size."""
    base, _token = live
    with staff_page(browser, base, make, "wang", "manager", "/dishes/") as page:
        page.wait_for_selector("h1:has-text('菜品')")
        yield page


def flash(page) -> str:
    return page.text_content("p.flash")


def test_price_from_tomorrow_sold_today_at_the_old_price_then_off_sale(manager_page, counter, live, make, database,
                                                                       artifacts):
    page, base = manager_page, live[0]
    today = local_date(utc_now(), "Asia/Shanghai")
    tomorrow = (today + timedelta(days=1)).isoformat()
    make.dish("红烧肉", 1000)

    # Add a dish with what the planner needs.
    page.click("a:has-text('新增菜品')")
    page.fill("#name", "清蒸鲈鱼")
    page.fill("#name_en", "Steamed sea bass")
    page.select_option("#category", "meat")
    page.fill("#price", "12.00")
    page.fill("#main_ingredient", "鲈鱼")
    page.select_option("#food_group", "fish")
    page.select_option("#method", "steam")
    for box in ("flags:soft", "flags:low_salt", "allergens:fish", "allergens:soy"):
        name, value = box.split(":")
        page.check(f"input[name={name}][value={value}]")
    for field, value in (("kcal", "180"), ("protein_g", "22"), ("fat_g", "8"), ("sodium_mg", "380"),
                         ("cost", "6.50"), ("prep_min", "20")):
        page.fill(f"#{field}", value)
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(artifacts / "back-office-dish-new.png"))
    page.click("button:has-text('新增菜品')")
    page.wait_for_selector("#price-today")
    assert "已新增菜品 清蒸鲈鱼" in flash(page)
    assert page.text_content("#price-today") == "¥12.00"
    dish_id = int(page.url.rstrip("/").rsplit("/", 1)[1])

    # A new price from tomorrow.
    page.fill("#new-price", "15.00")
    page.fill("#effective-from", tomorrow)
    page.click("#change-price")
    page.wait_for_selector(f"p.flash:has-text('{tomorrow}')")
    assert page.text_content("#price-today") == "¥12.00"
    history = page.inner_text("#price-history")
    assert "¥15.00" in history and "待生效" in history and "¥12.00" in history and "执行中" in history
    page.screenshot(path=str(artifacts / "back-office-dish-page.png"), full_page=False)

    # A day already past is refused, saying why; nothing changes. (The date field's min stops it in the browser
    # first; without it, as an old browser would send it, the server refuses it.)
    page.eval_on_selector("#effective-from", "field => field.removeAttribute('min')")
    page.fill("#new-price", "9.00")
    page.fill("#effective-from", (today - timedelta(days=1)).isoformat())
    page.click("#change-price")
    assert "已开始或已过去" in page.text_content("p.flash.error")
    page.screenshot(path=str(artifacts / "back-office-dish-price-refused.png"))

    # The list finds it by pinyin initials, with today's price and tomorrow's.
    page.goto(f"{base}/dishes/?q=qzly")
    assert page.inner_text("#count").startswith("共 1 道菜")
    row = page.inner_text(f"tr[data-dish='{dish_id}']")
    assert "¥12.00" in row and f"{tomorrow} 起 ¥15.00" in row
    page.goto(f"{base}/dishes/")
    page.screenshot(path=str(artifacts / "back-office-dishes-list.png"))
    page.goto(f"{base}/dishes/{dish_id}/edit")
    assert page.input_value("#name") == "清蒸鲈鱼" and page.is_checked("input[name=allergens][value=soy]")
    page.screenshot(path=str(artifacts / "back-office-dish-edit.png"))

    # Sold today at the counter: the old price.
    resident = make.resident(name="张桂兰", born=BORN_1951, balance_fen=5000)
    make.card(resident, CARD_UID)
    counter.reload()
    assert counter.page.text_content(f"button[data-dish='{dish_id}'] .price") == "¥12.00"
    counter.scan(CARD_UID)
    assert counter.resident_name() == "张桂兰"
    counter.tap(dish_id)
    counter.payable("¥10.00")  # 12 − 2 (the 70–79 rule)
    counter.settle()
    counter.screenshot(artifacts, "back-office-counter-sold-at-old-price")
    with database.unit_of_work() as session:
        sale = session.scalar(select(Sale))
        line = session.scalar(select(SaleLine))
        assert (sale.total_fen, sale.subsidy_fen, line.dish_id, line.unit_price_fen) == (1200, 200, dish_id, 1200)

    # Off sale: the counter offers it no more.
    page.goto(f"{base}/dishes/{dish_id}")
    page.click("#off-sale")
    page.wait_for_selector("#on-sale")
    assert page.text_content("#sale-state") == "已停售"
    page.screenshot(path=str(artifacts / "back-office-dish-off-sale.png"))
    counter.reload()
    assert counter.page.locator(f"button[data-dish='{dish_id}']").count() == 0
    assert counter.page.locator("button[data-dish]").count() == 1  # 红烧肉 is still there
    with database.unit_of_work() as session:
        assert session.get(Dish, dish_id).active is False


def test_import_report_in_the_browser(manager_page, live, database, artifacts):
    page, base = manager_page, live[0]
    page.goto(f"{base}/dishes/import")
    page.screenshot(path=str(artifacts / "back-office-dishes-import.png"))
    page.set_input_files("#file", files=[{"name": "dishes.csv", "mimeType": "text/csv",
                                          "buffer": BAD_CSV.encode("utf-8")}])
    page.click("#check")
    page.wait_for_selector("#problems")
    assert page.inner_text("#problems tbody") == "2\t过敏原\t“榴莲”不在可选范围内"
    page.screenshot(path=str(artifacts / "back-office-dishes-import-report.png"))
    page.set_input_files("#file", files=[{"name": "dishes.csv", "mimeType": "text/csv",
                                          "buffer": BAD_CSV.replace("、榴莲", "").encode("utf-8")}])
    page.click("#check")
    page.wait_for_selector("#confirm")
    assert "将新增 1 道菜" in page.inner_text("#preview")
    page.screenshot(path=str(artifacts / "back-office-dishes-import-preview.png"))
    with database.unit_of_work() as session:
        assert session.scalar(select(Dish)) is None  # nothing before the confirmation
    page.click("#confirm")
    page.wait_for_selector("#dishes")
    assert "菜品已导入：新增 1 道" in flash(page)
    assert "红烧肉" in page.inner_text("#dishes")
