"""The orders API: a phone booking, its retry, the day's list, a cancel, and serving once."""
from __future__ import annotations

import pytest

from pos.orders import api as orders_api
from tests.pos.orders.conftest import DAY, at, counts


@pytest.fixture
def clock(monkeypatch):
    """The API's clock, set by the test."""
    now = {"at": at(DAY, 8)}
    monkeypatch.setattr(orders_api, "utc_now", lambda: now["at"])
    return now


def booking(kitchen, key="order-key-0001", **changes):
    return {"resident_id": kitchen.resident, "day": DAY.isoformat(), "meal_period": "lunch",
            "idempotency_key": key, **changes}


def test_a_phone_booking_is_made_once_and_a_retry_gets_the_same_answer(api, kitchen, clock, database):
    first = api.post("/api/v1/orders", booking(kitchen))
    again = api.post("/api/v1/orders", booking(kitchen))
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.get_json() == first.get_json()
    assert first.get_json()["quote"] == {"total_fen": 1200, "subsidy_fen": 200, "payable_fen": 1000,
                                         "balance_fen": 5000}
    assert counts(database) == (1, 2, 0)


def test_chosen_dishes_and_a_channel_are_booked(api, kitchen, clock):
    body = booking(kitchen, channel="pick_up", items=[{"dish_id": kitchen.greens, "qty": 2}])
    order = api.post("/api/v1/orders", body).get_json()
    assert (order["channel"], order["set_meal"], order["lines"]) == (
        "pick_up", False, [{"dish_id": kitchen.greens, "name": "清炒油菜", "qty": 2}])


def test_after_the_cut_off_the_booking_is_refused_in_chinese(api, kitchen, clock, database):
    clock["at"] = at(DAY, 9, 30)
    response = api.post("/api/v1/orders", booking(kitchen))
    assert response.status_code == 409
    assert response.get_json() == {"error": {"code": "booking_closed",
                                             "message": "预订2026-12-10的午餐已于2026-12-10 09:30截止"}}
    assert counts(database) == (0, 0, 0)


def test_bad_fields_are_named(api, kitchen, clock):
    response = api.post("/api/v1/orders", booking(kitchen, meal_period="supper"))
    assert (response.status_code, response.get_json()["error"]["code"]) == (422, "invalid_input")
    error = response.get_json()["error"]
    assert (error["field"], error["message"]) == ("meal_period", "餐次：必须是以下之一：breakfast, lunch, dinner")


def test_the_day_s_orders_are_listed_then_one_is_cancelled(api, kitchen, clock):
    order = api.post("/api/v1/orders", booking(kitchen)).get_json()
    listed = api.get(f"/api/v1/orders?day={DAY.isoformat()}&meal_period=lunch").get_json()
    assert (listed["booked"], [o["id"] for o in listed["orders"]]) == (
        {"breakfast": 0, "lunch": 1, "dinner": 0}, [order["id"]])
    cancelled = api.post(f"/api/v1/orders/{order['id']}/cancel", {})
    assert (cancelled.status_code, cancelled.get_json()["status"]) == (200, "cancelled")


def test_a_meal_is_served_once_however_often_the_cashier_taps(api, kitchen, clock, database):
    order = api.post("/api/v1/orders", booking(kitchen)).get_json()
    clock["at"] = at(DAY, 12)
    first = api.post(f"/api/v1/orders/{order['id']}/serve", {})
    again = api.post(f"/api/v1/orders/{order['id']}/serve", {})
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.get_json() == first.get_json()
    assert first.get_json()["sale"]["balance_after_fen"] == 4000
    assert counts(database) == (1, 2, 1)
