"""GET /api/v1/menu/today: the counter's dish buttons follow the published menu."""
from __future__ import annotations

from pos.db import get_db
from pos.menus import services


def test_counter_gets_every_dish_until_a_menu_is_published(api, catalog):
    body = api.get("/api/v1/menu/today?meal_period=lunch").get_json()
    assert body["published"] is False and len(body["dishes"]) == len(catalog)


def test_published_menu_drives_todays_dishes(app, api, plan, this_week):
    plan(this_week, periods=("lunch", "dinner"))
    with app.app_context():
        services.publish(get_db(), this_week, force=True)
    lunch = api.get("/api/v1/menu/today?meal_period=lunch").get_json()
    assert lunch["published"] is True and lunch["week"] == this_week
    assert [d["slot"] for d in lunch["dishes"]] == ["meat", "half_meat", "vegetable", "staple", "soup"]
    assert all({"id", "name", "price_fen", "labels", "allergens"} <= d.keys() for d in lunch["dishes"])
    dinner = api.get("/api/v1/menu/today?meal_period=dinner").get_json()
    assert len(dinner["dishes"]) == 4
    breakfast = api.get("/api/v1/menu/today?meal_period=breakfast").get_json()
    assert breakfast["published"] is False  # not planned: every dish on sale


def test_menu_today_needs_a_terminal_and_a_real_meal_period(client, api):
    assert client.get("/api/v1/menu/today").status_code == 401
    response = api.get("/api/v1/menu/today?meal_period=supper")
    assert response.status_code == 422 and response.get_json()["error"]["code"] == "invalid_input"
