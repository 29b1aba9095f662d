"""The counter's dish panel: dishes of the meal period grouped by set-meal position, the canteen's favourites, the
day's set meal as one button, and the version an open counter polls."""
from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from pos.audit import SYSTEM
from pos.dishes.details import dish_in_of
from pos.dishes.models import Dish, DishPrice
from pos.dishes.prices import change_price
from pos.dishes.services import edit_dish_in, set_on_sale
from pos.menus.counter_menu import counter_menu, menu_version
from pos.menus.models import MenuSlot, MenuWeek
from pos.menus.weeks import monday_of, week_of
from pos.sales.voiding import void_sale
from tests.support.selling import Till, local

DAY = date(2026, 11, 20)  # a Friday
LUNCH = ("meat", "half_meat", "vegetable", "staple", "soup")


def panel(database, day: date = DAY, period: str = "lunch", canteen_id: int | None = None,
          locale: str = "zh_CN") -> dict:
    with database.unit_of_work() as session:
        return counter_menu(session, canteen_id, day, period, locale)


def version(database, day: date = DAY, period: str = "lunch") -> str:
    with database.unit_of_work() as session:
        return menu_version(session, day, period)


def publish(database, day: date, dishes: dict[str, int], status: str = "published") -> None:
    """A weekly menu holding `dishes` by position on `day`'s lunch."""
    with database.unit_of_work() as session:
        week = MenuWeek(week=week_of(day), monday=monday_of(week_of(day)), status=status)
        session.add(week)
        session.flush()
        session.add_all(MenuSlot(week_id=week.id, day=day, meal_period="lunch", slot=slot, dish_id=dish_id)
                        for slot, dish_id in dishes.items())


def first_of(catalog: dict[str, int], database, category: str) -> int:
    """The demo catalog's first dish of a category (by code)."""
    with database.unit_of_work() as session:
        return session.scalar(select(Dish.id).where(Dish.category == category, Dish.id.in_(catalog.values()))
                              .order_by(Dish.code).limit(1))


def counts(body: dict) -> list[tuple[str, int]]:
    return [(g["category"], len(g["dish_ids"])) for g in body["groups"]]


def test_without_a_menu_the_period_s_dishes_come_grouped_by_position(database, catalog, make):
    drink = make.dish("豆浆", 200, category="饮料")  # a category given through the API: shown under "other"
    set_item = make.dish("午市套餐", 1200, category="set")  # sold, never planned: every period
    lunch = panel(database)
    assert lunch["published"] is False and lunch["set_meal"] is None
    # 168 demo dishes, of which lunch serves 146: no porridge (breakfast and dinner only), fruit last.
    assert counts(lunch) == [("set", 1), ("meat", 26), ("half_meat", 32), ("tofu_egg", 11), ("vegetable", 40),
                             ("staple", 16), ("soup", 16), ("fruit", 5), ("other", 1)]
    assert lunch["groups"][0]["dish_ids"] == [set_item] and lunch["groups"][-1]["dish_ids"] == [drink]
    assert counts(panel(database, period="breakfast")) == [
        ("set", 1), ("porridge", 12), ("staple", 11), ("tofu_egg", 12), ("vegetable", 11), ("fruit", 5), ("other", 1)]
    assert counts(panel(database, period="dinner"))[:3] == [("set", 1), ("meat", 26), ("half_meat", 32)]


def test_a_group_lists_its_dishes_by_pinyin_initials(database, make):
    ids = [make.dish(name, 800, initials=initials) for name, initials in
           (("鱼香肉丝", "yxrs"), ("红烧肉", "hsr"), ("宫保鸡丁", "gbjd"))]
    assert panel(database)["groups"] == [{"category": "meat", "dish_ids": [ids[2], ids[1], ids[0]]}]


def test_favourites_are_this_period_s_best_sellers_of_the_last_four_weeks(app, database, make):
    make.canteen()
    resident = make.resident(balance_fen=500_000)
    card = {"card_uid": make.card(resident)}
    till = Till.open(app, make)
    dishes = {name: make.dish(name, 500) for name in "ABCDEFGHI"}
    a, b, c, d, e, f, g, h, i = dishes.values()
    lunch = [(DAY, a, 3), (DAY - timedelta(days=3), a, 2), (DAY, b, 4), (DAY - timedelta(days=27), c, 4),
             (DAY, d, 1), (DAY, e, 2), (DAY, f, 3), (DAY, g, 1)]
    for day, dish, qty in lunch:
        till.sell(local(day, 12), card, (dish, qty))
    till.sell(local(DAY - timedelta(days=28), 12), card, (h, 20))  # 28 days back: out of the window
    till.sell(local(DAY, 18), card, (i, 9), period="dinner")  # another meal
    voided = till.sell(local(DAY, 12), card, (g, 10))
    manager = make.user("manager-1", "manager")
    with database.unit_of_work() as session:
        void_sale(session, voided["sale_id"], "keyed twice", manager, local(DAY, 12, 5))
    canteen = make.main_canteen().id
    # a 5, b 4, c 4 (tie: lower id first), f 3, e 2, then d and g at 1: six of them, g's void not counted.
    assert panel(database, canteen_id=canteen)["favourites"] == [a, b, c, f, e, d]
    assert panel(database, period="dinner", canteen_id=canteen)["favourites"] == [i]
    with database.unit_of_work() as session:
        session.get(Dish, a).active = False  # off sale: not offered, so no favourite
    assert panel(database, canteen_id=canteen)["favourites"] == [b, c, f, e, d, g]


def test_a_published_lunch_is_one_set_meal_button_and_its_dishes(database, catalog, make):
    set_item = make.dish("午市套餐", 1200, category="set")
    chosen = {slot: first_of(catalog, database, slot) for slot in LUNCH}
    publish(database, DAY, chosen)
    with database.unit_of_work() as session:
        prices = dict(session.execute(select(DishPrice.dish_id, DishPrice.price_fen)
                                      .where(DishPrice.dish_id.in_(chosen.values()))).all())
    lunch = panel(database)
    assert lunch["published"] is True
    assert lunch["set_meal"] == {"name": "一荤一荤素一素一饭一汤", "dish_ids": list(chosen.values()),
                                 "price_fen": sum(prices.values())}
    assert lunch["groups"] == [{"category": "set", "dish_ids": [set_item]}] + [
        {"category": slot, "dish_ids": [chosen[slot]]} for slot in LUNCH]
    assert panel(database, locale="en")["set_meal"]["name"] == "meat, half-meat, vegetable, staple, soup"
    # Dinner has no published menu: every dish served at dinner, no set meal.
    assert panel(database, period="dinner")["set_meal"] is None


def test_positions_no_set_meal_has_keep_the_button_without_a_name(database, catalog):
    chosen = {slot: first_of(catalog, database, slot) for slot in ("meat", "staple")}
    publish(database, DAY, chosen)
    assert panel(database)["set_meal"]["name"] == ""
    assert panel(database)["set_meal"]["dish_ids"] == [chosen["meat"], chosen["staple"]]


def test_a_draft_menu_is_not_the_counter_s(database, catalog):
    publish(database, DAY, {slot: first_of(catalog, database, slot) for slot in LUNCH}, status="draft")
    assert panel(database)["published"] is False and panel(database)["set_meal"] is None


def test_the_version_changes_with_what_the_panel_shows(database, catalog, make):
    before = version(database)
    assert version(database) == before  # nothing changed, nothing to reload
    assert version(database, period="dinner") != before and version(database, DAY + timedelta(days=1)) != before
    chosen = {slot: first_of(catalog, database, slot) for slot in LUNCH}
    publish(database, DAY, chosen, status="draft")
    assert version(database) == before  # a draft is not on the counter
    with database.unit_of_work() as session:
        session.scalar(select(MenuWeek)).status = "published"
    published = version(database)
    assert published != before and panel(database)["version"] == published
    with database.unit_of_work() as session:  # the manager swaps the soup
        slot = session.scalar(select(MenuSlot).where(MenuSlot.slot == "soup"))
        slot.dish_id = session.scalar(select(Dish.id).where(Dish.category == "soup", Dish.id != slot.dish_id))
    swapped = version(database)
    assert swapped != published
    set_on_sale(database, chosen["meat"], False, SYSTEM)
    off_sale = version(database)
    assert off_sale != swapped
    change_price(database, chosen["staple"], 150, DAY, DAY, SYSTEM)
    priced = version(database)
    assert priced != off_sale
    with database.unit_of_work() as session:  # a manager's edit of a dish: its audit entry
        dish = session.get(Dish, chosen["vegetable"])
        edit_dish_in(session, dish, dish_in_of(dish), SYSTEM)  # nothing changed: no entry
    assert version(database) == priced
    with database.unit_of_work() as session:
        dish = session.get(Dish, chosen["vegetable"])
        edit_dish_in(session, dish, replace(dish_in_of(dish), name="清炒时蔬"), SYSTEM)
    assert version(database) != priced


@pytest.mark.parametrize("path", ["/api/v1/menu/counter", "/api/v1/menu/counter/version"])
def test_the_panel_needs_a_terminal(client, path):
    assert client.get(path).status_code == 401


def test_the_api_serves_the_panel_and_its_version(api, make):
    make.canteen_settings(hours={"lunch": "00:00-23:59"})  # lunch all day: the test does not depend on the clock
    dish = make.dish("红烧肉", 1200)
    body = api.get("/api/v1/menu/counter").get_json()
    assert body["meal_period"] == "lunch" and body["published"] is False and body["set_meal"] is None
    assert body["groups"] == [{"category": "meat", "dish_ids": [dish]}] and body["favourites"] == []
    assert api.get("/api/v1/menu/counter/version").get_json() == {"version": body["version"]}
    assert api.get("/api/v1/dishes").get_json()[0]["initials"] == "hsr"


def test_a_published_dish_without_planning_attributes_is_offered_once(database, make):
    pork, greens = make.dish("红烧肉", 800), make.dish("清炒油菜", 400, "vegetable")  # added by hand: no attributes
    rice = make.dish("米饭", 100, "staple")
    publish(database, DAY, {"meat": pork, "vegetable": greens})
    assert panel(database)["groups"] == [{"category": "meat", "dish_ids": [pork]},
                                         {"category": "vegetable", "dish_ids": [greens]},
                                         {"category": "staple", "dish_ids": [rice]}]
