"""The counter's dish panel in Chromium: dishes grouped by set-meal position, found by pinyin initials, the day's
set meal in one tap, and a menu published while the counter is open showing up without a reload."""
from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from pos.demo.loader import add_dishes
from pos.dishes.models import Dish
from pos.menus.models import MenuSlot, MenuWeek
from pos.menus.weeks import monday_of, week_of

LUNCH = ("meat", "half_meat", "vegetable", "staple", "soup")


def today() -> date:
    return datetime.now(ZoneInfo("Asia/Shanghai")).date()  # the canteen's day


@pytest.fixture
def dishes(database) -> dict[str, int]:
    """The planner's demo catalog (168 dishes, no published menu); ids by name."""
    with database.unit_of_work() as session:
        return {dish.name: dish.id for dish in add_dishes(session)}


def publish_lunch(database) -> list[int]:
    """Publish today's lunch: the first demo dish of each position; returns their ids in serving order."""
    day = today()
    with database.unit_of_work() as session:
        week = MenuWeek(week=week_of(day), monday=monday_of(week_of(day)), status="published")
        session.add(week)
        session.flush()
        chosen = [session.scalar(select(Dish.id).where(Dish.category == slot).order_by(Dish.code).limit(1))
                  for slot in LUNCH]
        session.add_all(MenuSlot(week_id=week.id, day=day, meal_period="lunch", slot=slot, dish_id=dish_id)
                        for slot, dish_id in zip(LUNCH, chosen))
    return chosen


def groups(page) -> list[str]:
    return page.locator("#menu h3[data-group]").evaluate_all("hs => hs.map(h => h.dataset.group)")


def test_lunch_offers_lunch_dishes_grouped_by_position(dishes, counter, artifacts):
    counter.reload()
    page = counter.page
    expect(page.locator("#menu h3[data-group]")).to_have_count(7)
    assert groups(page) == ["meat", "half_meat", "tofu_egg", "vegetable", "staple", "soup", "fruit"]
    expect(page.locator("#menu h3[data-group=meat]")).to_have_text("荤菜")
    expect(page.locator("#menu .dish[data-dish]")).to_have_count(146)  # 168 less breakfast-only and porridge
    expect(page.locator(f"button[data-dish='{dishes['小米粥']}']")).to_have_count(0)  # porridge: not at lunch
    page.click("button[data-jump=soup]")  # the row of groups jumps down the long list
    expect(page.locator("#menu h3[data-group=soup]")).to_be_in_viewport()
    expect(page.locator("#scan")).to_be_focused()
    counter.screenshot(artifacts, "counter-menu-unpublished-1366x768")


def test_slash_finds_a_dish_by_its_initials_and_enter_takes_it(dishes, counter, artifacts):
    counter.reload()
    page = counter.page
    page.keyboard.type("2")  # a quantity first, as for a tap
    page.keyboard.press("/")
    expect(page.locator("#dish-filter")).to_be_focused()
    page.keyboard.type("hsr")
    expect(page.locator("#menu h3[data-group]")).to_have_count(1)
    counter.screenshot(artifacts, "counter-menu-filter-1366x768")
    expect(page.locator("#menu .dish.first")).to_contain_text("红烧肉")
    page.keyboard.press("Enter")
    expect(page.locator("#scan")).to_be_focused()
    expect(page.locator(f"#order tr[data-line='{dishes['红烧肉']}'] .line-qty")).to_have_text("2")
    expect(page.locator("#menu h3[data-group]")).to_have_count(7)  # the filter is cleared
    page.keyboard.press("F7")
    page.keyboard.type("qzly")  # 清蒸鲈鱼
    expect(page.locator("#menu .dish")).to_have_count(1)
    page.keyboard.press("Escape")  # back to the scan field; the order stays
    expect(page.locator("#scan")).to_be_focused()
    expect(page.locator("#dish-filter")).to_have_value("")
    expect(page.locator("#order tr[data-line]")).to_have_count(1)


def test_the_set_meal_button_adds_the_whole_meal(dishes, database, counter, artifacts):
    chosen = publish_lunch(database)
    counter.reload()
    page = counter.page
    button = page.locator("button[data-set-meal]")
    expect(button).to_contain_text("今日套餐")
    expect(button).to_contain_text("一荤一荤素一素一饭一汤")
    page.keyboard.type("2")
    button.click()
    expect(page.locator("#order tr[data-line]")).to_have_count(5)
    lines = page.locator("#order tr[data-line]").evaluate_all("rows => rows.map(r => Number(r.dataset.line))")
    assert lines == chosen
    expect(page.locator("#order .line-qty")).to_have_text(["2"] * 5)
    expect(page.locator("#scan")).to_be_focused()
    # The published dishes stay single buttons too.
    expect(page.locator("#menu .dish[data-dish]")).to_have_count(5)
    counter.screenshot(artifacts, "counter-menu-set-meal-1366x768")


def test_publishing_updates_an_open_counter_without_a_reload(dishes, database, counter, monkeypatch):
    monkeypatch.setattr("pos.counter.page.MENU_POLL_SECONDS", 1)
    counter.reload()
    page = counter.page
    page.evaluate("window.sameDocument = true")
    expect(page.locator("button[data-set-meal]")).to_have_count(0)
    chosen = publish_lunch(database)
    expect(page.locator("button[data-set-meal]")).to_be_visible()
    expect(page.locator("#menu .dish[data-dish]")).to_have_count(5)
    assert page.evaluate("window.sameDocument") is True  # no reload
    assert page.locator("#menu .dish[data-dish]").evaluate_all(
        "bs => bs.map(b => Number(b.dataset.dish))") == chosen
