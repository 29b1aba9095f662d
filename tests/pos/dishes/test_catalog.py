"""The catalog's services: add, change, take off sale and back, find; each checked whole and audited."""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from pos.audit import Actor, history
from pos.dishes import services
from pos.dishes.details import DishIn
from pos.dishes.models import Dish
from pos.dishes.prices import price_on
from pos.errors import Conflict, InvalidInput
from pos.menus.catalog import load_catalog

TODAY = date(2026, 12, 1)
STEAMED_FISH = DishIn(name="清蒸鲈鱼", name_en="Steamed sea bass", category="meat", main_ingredient="鲈鱼",
                      food_group="fish", method="steam", flags=("soft", "low_salt"), allergens=("fish", "soy"),
                      kcal=180, protein_g=Decimal("22"), fat_g=Decimal("8.5"), sodium_mg=380, cost_fen=650,
                      periods=("lunch", "dinner"), wok_min=0, prep_min=20)


@pytest.fixture
def manager(make) -> Actor:
    return Actor(staff_id=make.user("wang", role="manager").id)


def count_dishes(database) -> int:
    with database.unit_of_work() as session:
        return session.scalar(select(func.count()).select_from(Dish))


def test_a_dish_is_added_with_what_the_planner_needs(database, manager):
    dish_id = services.add_dish(database, STEAMED_FISH, 1200, TODAY, manager).id
    with database.unit_of_work() as session:
        dish = session.get(Dish, dish_id)
        assert (dish.code, dish.name, dish.category, dish.active, dish.initials) == (
            f"D{dish_id:05d}", "清蒸鲈鱼", "meat", True, "qzly")
        assert dish.attributes == {
            "category": "meat", "main_ingredient": "鲈鱼", "food_group": "fish", "other_groups": "", "grain": "",
            "method": "steam", "flags": "soft;low_salt", "allergens": "fish;soy", "kcal": "180", "protein_g": "22",
            "fat_g": "8.5", "sodium_mg": "380", "cost_fen": "650", "popularity": "0.5", "seasons": "",
            "periods": "LD", "wok_min": "0", "prep_min": "20"}
        assert price_on(session, dish_id, TODAY) == 1200
        assert price_on(session, dish_id, date(2026, 11, 30)) is None
        [planned] = load_catalog(session, TODAY).dishes
        assert (planned.code, planned.price_fen, planned.fat_g, planned.soft, planned.protein_dish) == (
            f"D{dish_id:05d}", 1200, 8.5, True, True)
        [entry] = history(session, "dish", dish_id)
        assert (entry.action, entry.staff_id, entry.after["price_fen"], entry.after["effective_from"]) == (
            "dish.added", manager.staff_id, 1200, "2026-12-01")


@pytest.mark.parametrize("change, field, reason", [
    ({"name": " "}, "name", "is required"),
    ({"code": "A 1"}, "code", "must be letters and digits without spaces"),
    ({"category": "dessert"}, "category", "must be one of the choices on the list"),
    ({"allergens": ("fish", "peanuts")}, "allergens", "peanuts is not one of the choices on the list"),
    ({"grain": "coarse"}, "grain", "is needed for a staple or porridge, and only for them"),
    ({"periods": ()}, "periods", "tick at least one meal period"),
    ({"main_ingredient": ""}, "main_ingredient", "is required"),
    ({"kcal": 5001}, "kcal", "must be a whole number from 0 to 5000"),
    ({"fat_g": Decimal("8.55")}, "fat_g", "must be a number from 0 to 500 with at most one decimal"),
    ({"name": "清蒸\x00鲈鱼"}, "name", "must not contain control characters"),
    ({"name": "鱼" * 61}, "name", "must be text of at most 60 characters"),
])
def test_a_wrong_field_is_named_and_nothing_is_written(database, manager, change, field, reason):
    with pytest.raises(InvalidInput) as refused:
        services.add_dish(database, replace(STEAMED_FISH, **change), 1200, TODAY, manager)
    assert (refused.value.field, str(refused.value)) == (field, reason)
    assert count_dishes(database) == 0


def test_a_staple_needs_its_grain(database, manager):
    rice = replace(STEAMED_FISH, name="杂粮饭", category="staple", food_group="grain", allergens=(), grain="")
    with pytest.raises(InvalidInput) as refused:
        services.add_dish(database, rice, 200, TODAY, manager)
    assert refused.value.field == "grain"
    dish = services.add_dish(database, replace(rice, grain="coarse"), 200, TODAY, manager)
    assert dish.attributes["grain"] == "coarse"


def test_names_and_codes_are_unique(database, manager):
    first = services.add_dish(database, replace(STEAMED_FISH, code="M01"), 1200, TODAY, manager)
    with pytest.raises(Conflict) as refused:
        services.add_dish(database, replace(STEAMED_FISH, code="M02"), 1200, TODAY, manager)
    assert (refused.value.field, str(refused.value)) == ("name", "is already the name of dish M01")
    with pytest.raises(Conflict) as refused:
        services.add_dish(database, replace(STEAMED_FISH, code="M01", name="红烧鱼"), 1200, TODAY, manager)
    assert (refused.value.field, str(refused.value)) == ("code", "is already the code of 清蒸鲈鱼")
    assert count_dishes(database) == 1
    services.edit_dish(database, first.id, replace(STEAMED_FISH, code="M01"), manager)  # itself is no clash


def test_a_set_meal_is_sold_but_never_planned(database, manager):
    combo = DishIn(name="两荤一素套餐", category="set")
    dish = services.add_dish(database, combo, 1500, TODAY, manager)
    with database.unit_of_work() as session:
        assert session.get(Dish, dish.id).attributes == {}
        assert load_catalog(session, TODAY).skipped == (dish.code,)
        assert [d["name"] for d in services.list_dishes(session, TODAY)] == ["两荤一素套餐"]


def test_a_change_is_audited_field_by_field_and_keeps_popularity(database, manager):
    dish = services.add_dish(database, STEAMED_FISH, 1200, TODAY, manager)
    with database.unit_of_work() as session:
        row = session.get(Dish, dish.id)
        row.attributes = row.attributes | {"popularity": "0.86"}  # as sales would have made it
    changed = replace(STEAMED_FISH, code=dish.code, name="清蒸鲈鱼（少盐）", allergens=("fish",))
    services.edit_dish(database, dish.id, changed, manager)
    with database.unit_of_work() as session:
        stored = session.get(Dish, dish.id)
        assert (stored.name, stored.initials, stored.attributes["allergens"], stored.attributes["popularity"]) == (
            "清蒸鲈鱼（少盐）", "qzlysy", "fish", "0.86")
        entry = history(session, "dish", dish.id)[-1]
        assert entry.action == "dish.changed"
        assert entry.before["name"] == "清蒸鲈鱼" and entry.after["name"] == "清蒸鲈鱼（少盐）"
        assert set(entry.after) == {"name", "attributes"}
        assert entry.before["attributes"]["allergens"] == "fish;soy"


def test_off_sale_leaves_the_counter_and_the_planner_but_not_the_books(database, manager, make):
    fish = services.add_dish(database, STEAMED_FISH, 1200, TODAY, manager)
    assert services.set_on_sale(database, fish.id, False, manager) is True
    assert services.set_on_sale(database, fish.id, False, manager) is False  # already off: nothing to do
    with database.unit_of_work() as session:
        assert services.list_dishes(session, TODAY) == []
        assert load_catalog(session, TODAY).dishes == ()
        assert price_on(session, fish.id, TODAY) == 1200  # its prices stay, for its sales
        assert [e.action for e in history(session, "dish", fish.id)] == ["dish.added", "dish.taken_off_sale"]
    assert services.set_on_sale(database, fish.id, True, manager) is True
    with database.unit_of_work() as session:
        assert [d["id"] for d in services.list_dishes(session, TODAY)] == [fish.id]
        assert history(session, "dish", fish.id)[-1].after == {"active": True}


def test_the_counter_list_has_each_days_price(database, manager, make):
    pork = make.dish("红烧肉", 1000, since=TODAY)
    with database.unit_of_work() as session:
        code = session.get(Dish, pork).code
        assert services.list_dishes(session, date(2026, 11, 30)) == []
        assert services.list_dishes(session, TODAY) == [
            {"id": pork, "code": code, "name": "红烧肉", "name_en": "", "category": "meat", "price_fen": 1000,
             "active": True, "initials": "hsr", "allergens": []}]


def test_the_counter_list_says_what_allergens_a_dish_contains(database, make):
    kung_pao = make.dish("宫保鸡丁", 1500, attributes={"allergens": "peanut; soy"})
    with database.unit_of_work() as session:
        [dish] = services.list_dishes(session, TODAY)
    assert (dish["id"], dish["allergens"]) == (kung_pao, ["peanut", "soy"])


def test_find_by_name_code_or_pinyin_initials_paged_in_sql(database, manager):
    names = ["红烧肉", "红烧狮子头", "清蒸鲈鱼", "麻婆豆腐", "番茄炒蛋"]
    ids = [services.add_dish(database, replace(STEAMED_FISH, name=n, code=f"C{i}"), 1000 + i, TODAY, manager).id
           for i, n in enumerate(names)]
    services.set_on_sale(database, ids[3], False, manager)

    def find(**query) -> tuple[list[str], int, int]:
        with database.unit_of_work() as session:
            page = services.find_dishes(session, services.CatalogQuery(**query), TODAY, per_page=2)
            return [row.dish.name for row in page.rows], page.total, page.pages

    assert find(text="hs") == (["红烧肉", "红烧狮子头"], 2, 1)
    assert find(text="HSSZ") == (["红烧狮子头"], 1, 1)
    assert find(text="豆腐") == (["麻婆豆腐"], 1, 1)
    assert find(text="c4") == (["番茄炒蛋"], 1, 1)
    assert find(text="%") == ([], 0, 1)  # a wildcard typed is a character, not "everything"
    assert find(on_sale=False) == (["麻婆豆腐"], 1, 1)
    assert find(on_sale=True, page=2) == (["清蒸鲈鱼", "番茄炒蛋"], 4, 2)
    assert find(sort="name", page=3) == (["清蒸鲈鱼"], 5, 3)
    assert find(page=99) == (["番茄炒蛋"], 5, 3)  # past the end: the last page
    assert find(category="soup") == ([], 0, 1)
    with database.unit_of_work() as session:
        row = services.find_dishes(session, services.CatalogQuery(text="qzly"), TODAY).rows[0]
        assert (row.price_fen, row.next_price) == (1002, None)


def test_the_api_adds_a_dish_without_planning_attributes(manager_api, make):
    response = manager_api.post("/api/v1/dishes", {"name": "送餐费", "category": "delivery", "price_fen": 200})
    assert response.status_code == 201
    body = response.get_json()
    assert (body["name"], body["category"], body["price_fen"], body["active"]) == ("送餐费", "delivery", 200, True)
    assert body in manager_api.get("/api/v1/dishes").get_json()
    again = manager_api.post("/api/v1/dishes", {"name": "送餐费2", "code": body["code"], "price_fen": 200})
    assert (again.status_code, again.get_json()["error"]["code"]) == (409, "dish_exists")
