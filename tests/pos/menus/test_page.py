"""The manager's weekly menu page: the grid, its labels and nutrition, and its forms."""
from __future__ import annotations

import re
from datetime import date

from pos.db import read_session
from pos.menus.published import menu_today
from tests.pos.menus.conftest import WEEK


def test_page_needs_a_manager(client, auth):
    assert client.get(f"/menu/{WEEK}").status_code == 302  # to the login
    auth.login("cashier")
    assert client.get(f"/menu/{WEEK}").status_code == 403


def test_manager_plans_swaps_and_publishes_from_the_page(app, client, auth, catalog):
    app.config["MENU_PLAN_SECONDS"] = 1.5
    auth.login("manager")
    empty = client.get(f"/menu/{WEEK}").get_data(as_text=True)
    assert "尚未排菜" in empty and "排出本周菜单" in empty
    response = client.post(f"/menu/{WEEK}/plan", data={"periods": ["lunch", "dinner"]}, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "菜单已排好" in page
    assert "午餐" in page and "晚餐" in page and "早餐</th>" not in page
    assert "软烂" in page and "含" in page                     # diet and allergen labels
    assert "能量（千卡）" in page and "周平均" in page           # the week's nutrition against the targets
    assert "已证明最优" in page or "距最优界" in page             # optimal, or how far from the bound
    [(day, slot)] = re.findall(r'data-slot="(2026-11-30)/lunch/(meat)"', page)
    [dish_id] = re.findall(r'data-slot="2026-12-01/lunch/meat".*?<option value="(\d+)" selected', page, re.S)
    response = client.post(f"/menu/{WEEK}/swap", data={"day": day, "period": "lunch", "slot": slot,
                                                      "dish_id": dish_id}, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "一周内重复出现" in page                               # the checker flags the repeat
    response = client.post(f"/menu/{WEEK}/publish", data={}, follow_redirects=True)
    assert "条规则" in response.get_data(as_text=True)           # refused: rules are broken
    response = client.post(f"/menu/{WEEK}/publish", data={"force": "1"}, follow_redirects=True)
    assert "已发布" in response.get_data(as_text=True)


def test_forms_carry_a_csrf_token(app, client, auth, plan):
    plan()
    auth.login("manager")
    app.config["WTF_CSRF_ENABLED"] = True
    page = client.get(f"/menu/{WEEK}").get_data(as_text=True)
    forms = re.findall(r"<form method=\"post\".*?</form>", page, re.S)
    assert forms and all('name="csrf_token"' in form for form in forms)
    refused = client.post(f"/menu/{WEEK}/publish", data={})
    assert refused.status_code == 400


def test_a_bad_week_name_is_refused(client, auth):
    auth.login("manager")
    assert client.get("/menu/2026-W60").status_code == 422
    assert client.get("/menu/2026w49").headers["Location"].endswith(f"/menu/{WEEK}")


def test_page_reads_in_english_too(client, auth, plan):
    plan()
    auth.login("manager")
    client.get("/locale/en")
    page = client.get(f"/menu/{WEEK}").get_data(as_text=True)
    assert "Weekly menu" in page and "Lunch" in page and "meat dish" in page and "energy (kcal)" in page
    assert "within" in page or "proven optimal" in page


def test_manager_withdraws_a_publication_and_the_counter_falls_back_to_every_dish(app, client, auth, plan):
    plan()
    auth.login("manager")
    client.post(f"/menu/{WEEK}/publish", data={"force": "1"})
    page = client.get(f"/menu/{WEEK}").get_data(as_text=True)
    assert "撤回发布" in page
    response = client.post(f"/menu/{WEEK}/unpublish", follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "已撤回发布" in page and "草稿" in page
    with app.test_request_context():
        assert menu_today(read_session(), date(2026, 12, 1), "lunch")["published"] is False
    again = client.post(f"/menu/{WEEK}/unpublish", follow_redirects=True).get_data(as_text=True)
    assert "2026-W49周的菜单尚未发布" in again
