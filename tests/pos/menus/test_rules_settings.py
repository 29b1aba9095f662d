"""The canteen's planning rules as settings: stored, checked field by field, used by planning, checks and publishing."""
from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import select

import menu
from menu import Allergen, MealPeriod
from pos.db import get_db
from pos.errors import Conflict, InvalidInput
from pos.menus import planning, services, settings, stored
from pos.menus.catalog import load_catalog
from pos.menus.models import MenuRules
from tests.pos.menus.conftest import WEEK

LUNCH = (MealPeriod.LUNCH,)


def form(app, database, **changes) -> dict:
    """The rules form as it stands, with `changes`."""
    with app.app_context(), database.reader() as session:
        return {**settings.rules_form_values(session), **changes}


def save(app, database, **changes) -> None:
    with app.app_context():
        settings.save_rules(database, form(app, database, **changes), user_id=None)


def loaded(app, database, periods=LUNCH) -> menu.Rules:
    with app.app_context(), database.reader() as session:
        return settings.load_rules(session, periods)


def posted(values: dict) -> dict:
    """The form as a browser posts it: ticked boxes as "1", unticked ones left out."""
    return {k: "1" if v is True else v for k, v in values.items() if v is not False}


def stored_rows(database) -> list[dict]:
    with database.reader() as session:
        return list(session.scalars(select(MenuRules.settings)))


def test_without_a_stored_row_the_planner_gets_the_library_defaults(app, database):
    assert stored_rows(database) == []
    assert loaded(app, database) == menu.Rules(templates=(menu.LUNCH,))
    values = form(app, database)
    assert (values["repeat_limit"], values["coarse_lunch_days"], values["low_salt_per_meal"]) == ("2", "5", "1")
    assert (values["fish_at_least"], values["soy_at_least"], values["fried_at_most"]) == ("2", "3", "2")
    assert (values["lunch_budget_average"], values["lunch_budget_cap"]) == ("11.00", "14.00")
    assert (values["lunch_wok_minutes"], values["lunch_prep_minutes"]) == ("35", "110")
    assert values["excluded_allergens"] == [] and values["exclude_spicy"] is False
    assert values["weight_recency"] == "15" and values["coarse_staple_daily"] is True


def test_saving_the_form_unchanged_keeps_the_defaults(app, database):
    save(app, database)
    assert len(stored_rows(database)) == 1
    assert loaded(app, database, tuple(MealPeriod)) == menu.three_meals()


def test_saved_rules_reach_the_rules_the_planner_gets(app, database, catalog):
    save(app, database, repeat_limit="1", coarse_lunch_days="3", rotation_weeks="0", fried_at_most="",
         soy_at_least="4", weight_cost="7", lunch_budget_average="11.10", lunch_budget_cap="12.29",
         dinner_wok_minutes="40", soft_protein=False)
    with app.app_context(), database.reader() as session:
        rules = planning.gather(session, WEEK, LUNCH).rules
    assert (rules.repeat_limit, rules.coarse_lunch_days, rules.rotation_weeks) == (1, 3, 0)
    assert rules.weekly_counts == (menu.CountRule("group:fish", minimum=2), menu.CountRule("group:soy", minimum=4))
    assert rules.weights == menu.Weights(popularity=1, cost=7, recency=15, nutrition=20, day_cap=40)
    assert rules.budgets[MealPeriod.LUNCH] == menu.Budget(1110, 1229)  # yuan to fen exactly, never via float
    assert rules.kitchen[MealPeriod.DINNER] == menu.KitchenLimit(40, 90)
    assert rules.soft_protein is False and rules.templates == (menu.LUNCH,)
    assert stored_rows(database)[0]["lunch_budget_cap_fen"] == 1229


def test_excluded_allergen_and_spicy_dishes_are_never_planned(app, client, auth, database, catalog):
    auth.login("manager")
    values = posted(form(app, database, excluded_allergens=["peanut"], exclude_spicy=True))
    response = client.post("/menu/rules", data=values, follow_redirects=True)
    assert response.status_code == 200 and "规则已保存" in response.get_data(as_text=True)
    app.config["MENU_PLAN_SECONDS"] = 1.5
    client.post(f"/menu/{WEEK}/plan", data={"periods": ["lunch", "dinner"]})
    with app.app_context(), database.reader() as session:
        dishes = load_catalog(session, date(2026, 11, 30)).by_code()
        planned = [dishes[p.code] for p in stored.stored_plan(session, stored.get_week(session, WEEK)).placements]
        rules = settings.load_rules(session, (MealPeriod.LUNCH, MealPeriod.DINNER))
    assert len(planned) == 7 * (5 + 4)
    assert [d for d in planned if Allergen.PEANUT in d.allergens or d.spicy] == []
    assert not rules.allows(dishes["M10"]) and not rules.allows(dishes["S06"])  # 宫保鸡丁 (peanut), 酸辣汤 (spicy)
    page = client.get(f"/menu/{WEEK}").get_data(as_text=True)
    assert "宫保鸡丁" not in page and "酸辣汤" not in page  # nor offered for a swap


def test_the_menu_check_and_publishing_use_the_stored_rules(app, database, plan):
    plan()
    with app.app_context(), database.reader() as session:
        week = stored.get_week(session, WEEK)
        dishes = load_catalog(session, date(2026, 11, 30)).by_code()
        fish = sum(menu.FoodGroup.FISH in dishes[p.code].groups for p in stored.stored_plan(session, week).placements)
        assert menu.hard_problems(services.check(session, week)) == []
    save(app, database, fish_at_least=str(fish + 1))
    with app.app_context(), database.reader() as session:
        broken = menu.hard_problems(services.check(session, stored.get_week(session, WEEK)))
    assert [(p.code, p.params["have"], p.params["need"]) for p in broken] == [("weekly_min", fish, fish + 1)]
    with app.app_context(), pytest.raises(Conflict, match="1 rules"):
        services.publish(get_db(), WEEK)


def test_menu_plan_command_uses_the_stored_rules(app, runner, database, catalog):
    save(app, database, excluded_allergens=["fish"], fish_at_least="")  # no fish, so no fish rule
    result = runner.invoke(args=["menu", "plan", "--week", WEEK, "--periods", "lunch", "--seconds", "1.5"])
    assert result.exit_code == 0, result.output
    with app.app_context(), database.reader() as session:
        dishes = load_catalog(session, date(2026, 11, 30)).by_code()
        planned = [dishes[p.code] for p in stored.stored_plan(session, stored.get_week(session, WEEK)).placements]
    assert len(planned) == 7 * 5 and [d.code for d in planned if Allergen.FISH in d.allergens] == []


@pytest.mark.parametrize("field, entered, reason", [
    ("coarse_lunch_days", "9", "粗杂粮午餐天数（每周）须为0到7之间的整数"),
    ("coarse_lunch_days", "5.5", "粗杂粮午餐天数（每周）须为0到7之间的整数"),
    ("lunch_budget_cap", "10.99", "午餐单餐食材成本上限不能低于周平均11.00元"),
    ("lunch_budget_average", "12.345", "午餐食材成本周平均须为0.01元到500.00元之间的金额，最多两位小数"),
    ("fried_at_most", "22", "每周油炸菜最多几次须为0到21之间的整数，或留空表示不设此规则"),
    ("weight_cost", "-1", "食材成本的权重须为0到100之间的整数"),
    ("repeat_limit", "", "同一主食或汤粥每周最多供应几次须为1到3之间的整数"),
])
def test_a_bad_field_is_named_with_its_reason_and_nothing_is_stored(app, client, auth, database, field, entered,
                                                                      reason):
    auth.login("manager")
    values = posted(form(app, database, **{field: entered}, coarse_staple_daily=False))
    response = client.post("/menu/rules", data=values)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert re.search(rf'id="field-{field}".*?<p class="error" role="alert">{re.escape(reason)}</p>', page, re.S)
    assert "没有保存任何修改" in page
    assert f'value="{entered}"' in page                                   # as entered, to correct it
    assert 'name="coarse_staple_daily" value="1" checked' not in page    # the untick is kept too
    assert stored_rows(database) == []


def test_a_refused_save_leaves_the_earlier_rules_in_place(app, database):
    save(app, database, coarse_lunch_days="3")
    before = stored_rows(database)
    with app.app_context(), pytest.raises(InvalidInput) as refused:
        settings.save_rules(database, form(app, database, coarse_lunch_days="4", excluded_allergens=["peanut", "gluten-free"]),
                            user_id=None)
    assert refused.value.field == "excluded_allergens" and "gluten-free" in str(refused.value)
    assert stored_rows(database) == before and before[0]["coarse_lunch_days"] == 3


def test_full_width_digits_and_yuan_sign_are_read(app, database):
    save(app, database, coarse_lunch_days="６", lunch_budget_average="¥10.5")
    rules = loaded(app, database)
    assert rules.coarse_lunch_days == 6 and rules.budgets[MealPeriod.LUNCH].average_fen == 1050


def test_only_a_manager_opens_the_rules(client, auth):
    assert client.get("/menu/rules").status_code == 302  # to the login
    auth.login("cashier")
    assert client.get("/menu/rules").status_code == 403
    assert client.post("/menu/rules", data={"coarse_lunch_days": "3"}).status_code == 403


def test_page_shows_the_rules_in_chinese_and_english(client, auth, database):
    auth.login("manager")
    assert "/menu/rules" in client.get(f"/menu/{WEEK}").get_data(as_text=True)  # linked from the week
    page = client.get("/menu/rules").get_data(as_text=True)
    assert "排菜规则" in page and "粗杂粮午餐天数（每周）" in page and "还没有人修改过" in page
    assert 'name="lunch_budget_average" value="11.00"' in page and "花生" in page
    response = client.post("/menu/rules", data=posted({**form_of(client), "coarse_lunch_days": "4"}))
    assert response.headers["Location"].endswith("/menu/rules")
    page = client.get("/menu/rules").get_data(as_text=True)
    assert 'name="coarse_lunch_days" value="4"' in page and "最近一次由manager于" in page
    page = client.get("/menu/rules?defaults=1").get_data(as_text=True)
    assert 'name="coarse_lunch_days" value="5"' in page and "下面已填入标准值" in page  # shown, not yet saved
    assert 'name="coarse_lunch_days" value="4"' in client.get("/menu/rules").get_data(as_text=True)
    client.get("/locale/en")
    page = client.get("/menu/rules").get_data(as_text=True)
    assert "Planning rules" in page and "Lunches with a coarse-grain staple, days a week" in page
    assert "peanut" in page and "Save the rules" in page and "Last saved" in page


def form_of(client) -> dict:
    """The rules form's current values as the page shows them (text inputs, ticked boxes, chosen options)."""
    page = client.get("/menu/rules").get_data(as_text=True)
    values: dict = dict(re.findall(r'<input id="\w+" name="(\w+)" value="([^"]*)"', page))
    values.update({name: "1" for name in re.findall(r'name="(\w+)" value="1" checked', page)})
    values["excluded_allergens"] = re.findall(r'name="excluded_allergens" value="(\w+)" checked', page)
    for name, options in re.findall(r'<select id="\w+" name="(\w+)">(.*?)</select>', page, re.S):
        values[name] = re.search(r'<option value="(\w+)" selected', options).group(1)
    return values
