"""The set meal per meal period as a planning rule: chosen on the rules page, planned, listed in order."""
from __future__ import annotations

import re
from datetime import date, timedelta

from sqlalchemy import select

import menu
from menu import MealPeriod
from pos.db import get_db
from pos.menus import services, settings, stored
from pos.menus.models import MenuRules
from tests.pos.menus.conftest import WEEK
from tests.pos.menus.test_rules_settings import form, form_of, loaded, posted, save, stored_rows

TWO_VEG = ["half_meat", "vegetable", "vegetable_2", "staple", "soup"]
MONDAY = date(2026, 11, 30)


def test_without_a_choice_every_period_serves_its_standard_set_meal(app, client, auth, database):
    values = form(app, database)
    assert [values[f"{p.value}_set_meal"] for p in MealPeriod] == ["standard"] * 3
    assert loaded(app, database, tuple(MealPeriod)) == menu.three_meals()
    auth.login("manager")
    page = client.get("/menu/rules").get_data(as_text=True)
    assert "每餐的套餐组成" in page and "午餐套餐" in page
    assert '<option value="standard" selected>一荤一荤素一素一饭一汤</option>' in page
    assert '<option value="one_small_two_veg">一荤素两素一饭一汤</option>' in page
    client.get("/locale/en")
    page = client.get("/menu/rules").get_data(as_text=True)
    assert "Lunch set meal" in page and "half-meat, two vegetables, staple, soup" in page


def test_a_chosen_set_meal_is_planned_stored_and_shown_in_serving_order(app, client, auth, database, plan):
    save(app, database, lunch_set_meal="one_small_two_veg")
    assert stored_rows(database)[0]["lunch_set_meal"] == "one_small_two_veg"
    assert loaded(app, database).templates == (menu.set_meal(MealPeriod.LUNCH, "one_small_two_veg"),)
    assert plan()["status"] in ("optimal", "feasible")
    with app.app_context(), database.reader() as session:
        week = stored.get_week(session, WEEK)
        rows = stored.slot_rows(session, week)
        assert menu.hard_problems(services.check(session, week)) == []
    days = [MONDAY + timedelta(days=n) for n in range(7)]
    assert [[s.slot for s, _ in rows if s.day == day] for day in days] == [TWO_VEG] * 7  # in id order
    auth.login("manager")
    page = client.get(f"/menu/{WEEK}").get_data(as_text=True)
    for day in days:
        assert re.findall(rf'data-slot="{day.isoformat()}/lunch/(\w+)"', page) == TWO_VEG
    with app.app_context():
        services.publish(get_db(), WEEK)
        with database.reader() as session:
            assert [s.slot for s, _ in services.published_slots(session, MONDAY, "lunch")] == TWO_VEG


def test_a_set_meal_not_on_the_list_is_refused_and_nothing_stored(app, client, auth, database):
    auth.login("manager")
    response = client.post("/menu/rules", data=posted({**form_of(client), "lunch_set_meal": "two_big"}))
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and "没有保存任何修改" in page
    assert re.search(r'id="field-lunch_set_meal".*?<p class="error" role="alert">午餐套餐须为列表中的一项</p>', page,
                     re.S)
    assert stored_rows(database) == []
    response = client.post("/menu/rules", data=posted({**form_of(client), "breakfast_set_meal": "one_small_two_veg"}))
    assert response.status_code == 422 and "早餐套餐须为列表中的一项" in response.get_data(as_text=True)
    assert stored_rows(database) == []


def test_a_stored_set_meal_no_longer_on_the_list_plans_the_standard_one(app, database):
    save(app, database, dinner_set_meal="one_small_two_veg")
    with database.unit_of_work() as session:
        row = session.scalar(select(MenuRules))
        row.settings = {**row.settings, "dinner_set_meal": "retired", "lunch_set_meal": ["not", "a", "name"]}
    rules = loaded(app, database, (MealPeriod.LUNCH, MealPeriod.DINNER))
    assert rules.templates == (menu.LUNCH, menu.DINNER)
    with app.app_context(), database.reader() as session:
        values = settings.rules_form_values(session)
    assert (values["lunch_set_meal"], values["dinner_set_meal"]) == ("standard", "standard")
