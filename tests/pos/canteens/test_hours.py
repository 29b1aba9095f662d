"""A canteen's serving hours are its own: they decide the meal period of a sale, whatever the setting says."""
from __future__ import annotations

from datetime import date

from sqlalchemy import text

from pos import schema
from pos.db import make_engine
from tests.conftest import Api


def test_the_canteens_hours_decide_the_meal_period(client, make):
    make.canteen(hours="dinner=00:00-23:59")  # the settings say breakfast, lunch and dinner at their usual hours
    api = Api(client, make.terminal()).sign_in(make)
    resident = make.resident(born=date(1960, 5, 5), balance_fen=5000)
    quote = api.post("/api/v1/sales/quote", {"credential": {"card_uid": make.card(resident)},
                                             "items": [{"dish_id": make.dish(price_fen=900), "qty": 1}]}).get_json()
    assert quote["meal_period"] == "dinner"
    assert api.get("/api/v1/menu/today").get_json()["meal_period"] == "dinner"


def test_the_upgrade_gives_an_existing_canteen_the_hours_it_was_served_by(empty_database_url, monkeypatch):
    engine = make_engine(empty_database_url)
    schema.upgrade(engine, "a1d17e0c4b52")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO canteen (code, name, province, city, district, street, community) "
                          "VALUES ('main', '新百汇社区便民餐厅', '', '', '', '', '')"))
    monkeypatch.setenv("CANTEEN_HOURS", "lunch=11:00-13:00, dinner=17:00-19:00")
    schema.upgrade(engine)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT hours FROM canteen")).scalar() == "lunch=11:00-13:00,dinner=17:00-19:00"
    engine.dispose()
