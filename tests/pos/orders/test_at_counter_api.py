"""The counter on the API with a booked meal: the scan brings the booking, a change is quoted, one call serves it."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from pos.counter import api as counter_api
from pos.orders import api as orders_api
from pos.sales.models import Sale
from pos.servicerecords.models import ServiceRecord
from tests.pos.orders.conftest import DAY, at, counts

CARD = "04A1B2C3"


@pytest.fixture
def clock(monkeypatch):
    """The clock of the orders' and the counter's API, set by the test."""
    now = {"at": at(DAY, 8)}
    for module in (orders_api, counter_api):
        monkeypatch.setattr(module, "utc_now", lambda: now["at"])
    return now


@pytest.fixture
def order_id(api, kitchen, clock, make) -> int:
    make.card(kitchen.resident, CARD)
    body = {"resident_id": kitchen.resident, "day": DAY.isoformat(), "meal_period": "lunch", "channel": "pick_up",
            "idempotency_key": "order-key-0001"}
    order = api.post("/api/v1/orders", body).get_json()
    clock["at"] = at(DAY, 12)
    return order["id"]


def test_the_scan_brings_the_booking_of_the_meal_now(api, kitchen, order_id):
    panel = api.post("/api/v1/credentials/present", {"credential": {"card_uid": CARD}}).get_json()
    assert panel["booking"] == {"order_id": order_id, "meal_period": "lunch", "channel": "pick_up", "set_meal": True,
                                "items": [{"dish_id": kitchen.pork, "qty": 1}, {"dish_id": kitchen.greens, "qty": 1}]}


def test_a_resident_without_a_booking_has_none(api, make, clock):
    make.card(make.resident(name="李秀英"), "04D4E5F6")
    assert api.post("/api/v1/credentials/present", {"credential": {"card_uid": "04D4E5F6"}}).get_json()[
        "booking"] is None


def test_a_change_is_quoted_then_served_once(api, kitchen, order_id, database):
    items = [{"dish_id": kitchen.pork, "qty": 1}, {"dish_id": kitchen.rice, "qty": 2}]
    quote = api.post(f"/api/v1/orders/{order_id}/quote", {"items": items}).get_json()
    assert (quote["total_fen"], quote["subsidy_fen"], quote["payable_fen"], quote["channel"]) == (
        1000, 200, 800, "pick_up")
    first = api.post(f"/api/v1/orders/{order_id}/serve", {"items": items})
    again = api.post(f"/api/v1/orders/{order_id}/serve", {"items": items})
    assert (first.status_code, again.status_code, again.get_json()) == (201, 200, first.get_json())
    assert [(line["name"], line["qty"]) for line in first.get_json()["sale"]["lines"]] == [("红烧肉", 1), ("米饭", 2)]
    assert counts(database) == (1, 2, 1)


def test_a_quote_without_a_body_is_the_booked_meal(api, order_id):
    quote = api.post(f"/api/v1/orders/{order_id}/quote", {}).get_json()
    assert (quote["total_fen"], quote["payable_fen"]) == (1200, 1000)


def test_bad_dishes_are_named_and_serve_nothing(api, order_id, database):
    refused = api.post(f"/api/v1/orders/{order_id}/serve", {"items": [{"dish_id": 999999, "qty": 1}]})
    assert refused.status_code == 422
    empty = api.post(f"/api/v1/orders/{order_id}/serve", {"items": []})
    assert (empty.status_code, empty.get_json()["error"]["field"]) == (422, "items")
    assert counts(database) == (1, 2, 0)
    assert api.post("/api/v1/orders/999999/quote", {}).status_code == 404


def test_the_card_shown_is_the_sales_identification(api, kitchen, order_id, database):
    panel = api.post("/api/v1/credentials/present", {"credential": {"card_uid": CARD}}).get_json()
    served = api.post(f"/api/v1/orders/{order_id}/serve", {"credential": {"presentation": panel["presentation"]}})
    assert served.status_code == 201
    with database.reader() as session:
        sale = session.get_one(Sale, served.get_json()["sale"]["sale_id"])
        record = session.scalars(select(ServiceRecord)).one()
        assert (sale.credential_kind, sale.credential_ref, record.identified, record.channel) == (
            "card", CARD, "card", "pick_up")


def test_another_residents_card_serves_nothing(api, kitchen, order_id, make, database):
    make.card(make.resident(name="李秀英"), "04D4E5F6")
    panel = api.post("/api/v1/credentials/present", {"credential": {"card_uid": "04D4E5F6"}}).get_json()
    refused = api.post(f"/api/v1/orders/{order_id}/serve", {"credential": {"presentation": panel["presentation"]}})
    assert (refused.status_code, refused.get_json()["error"]["code"]) == (409, "order_other_resident")
    assert counts(database) == (1, 2, 0)
