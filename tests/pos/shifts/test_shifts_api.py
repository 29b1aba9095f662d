"""Shifts: a counted float, the cashier's takings in between, a counted drawer and the difference."""
from datetime import date

import pytest

from tests.conftest import Api

BORN_1951 = date(1951, 6, 1)  # 75: a 2-yuan subsidy on the demo policy


@pytest.fixture
def api(api_off_shift):
    """Here the cashier opens their own shifts."""
    return api_off_shift


def lunch(credential, dish, key, **extra):
    return {"credential": credential, "items": [{"dish_id": dish, "qty": 1}], "meal_period": "lunch",
            "idempotency_key": key} | extra


def test_a_shift_reports_meals_takings_and_the_cash_difference(api, make):
    opened = api.post("/api/v1/shifts", {"opening_float_fen": 20000})
    assert opened.status_code == 201
    shift = opened.get_json()["shift"]
    resident = make.resident(born=BORN_1951, balance_fen=5000)
    card = make.card(resident)
    dish = make.dish(price_fen=1200)
    assert api.post("/api/v1/sales", lunch({"card_uid": card}, dish, "shift-sale-1")).status_code == 201
    assert api.post("/api/v1/sales", lunch({"walk_in": True}, dish, "shift-sale-2",
                                           payment_method="cash")).status_code == 201
    assert api.post("/api/v1/sales", lunch({"walk_in": True}, dish, "shift-sale-3",
                                           payment_method="wechat")).status_code == 201
    voided = api.post("/api/v1/sales", lunch({"walk_in": True}, dish, "shift-sale-4", payment_method="cash"))
    assert api.post(f"/api/v1/sales/{voided.get_json()['sale_id']}/void", {"reason": "点错菜"}).status_code == 200
    topped = api.post(f"/api/v1/residents/{resident}/topups",
                      {"amount_fen": 10000, "method": "cash", "idempotency_key": "shift-topup-1"})
    assert topped.status_code == 201
    current = api.get("/api/v1/shifts/current").get_json()
    assert (current["meals"], current["cash_takings_fen"], current["difference_fen"]) == (3, 11200, None)
    closed = api.post(f"/api/v1/shifts/{shift['id']}/close", {"counted_cash_fen": 31000})
    assert closed.status_code == 200
    report = closed.get_json()
    assert {k: report[k] for k in ("meals", "subsidised_meals", "voided_meals", "wallet_takings_fen",
                                   "cash_sales_fen", "cash_top_ups_fen", "cash_takings_fen", "mobile_takings_fen",
                                   "expected_cash_fen", "counted_cash_fen", "difference_fen")} == {
        "meals": 3, "subsidised_meals": 1, "voided_meals": 1, "wallet_takings_fen": 1000, "cash_sales_fen": 1200,
        "cash_top_ups_fen": 10000, "cash_takings_fen": 11200, "mobile_takings_fen": 1200,
        "expected_cash_fen": 31200, "counted_cash_fen": 31000, "difference_fen": -200}
    assert api.get(f"/api/v1/shifts/{shift['id']}/report").get_json() == report
    assert api.get("/api/v1/shifts/current").get_json() == {"shift": None}


def test_one_open_shift_per_cashier_and_a_shift_closes_once(api):
    shift = api.post("/api/v1/shifts", {"opening_float_fen": 0}).get_json()["shift"]
    again = api.post("/api/v1/shifts", {"opening_float_fen": 0})
    assert (again.status_code, again.get_json()["error"]["code"]) == (409, "shift_open")
    assert api.post(f"/api/v1/shifts/{shift['id']}/close", {"counted_cash_fen": 0}).status_code == 200
    twice = api.post(f"/api/v1/shifts/{shift['id']}/close", {"counted_cash_fen": 0})
    assert (twice.status_code, twice.get_json()["error"]["code"]) == (409, "shift_closed")


def test_sales_of_other_cashiers_and_before_the_shift_do_not_count(api, make, client, app):
    make.canteen_settings(sale_needs_shift=False)  # sales outside a shift, as a canteen may allow
    dish = make.dish(price_fen=800)
    api.post("/api/v1/sales", lunch({"walk_in": True}, dish, "before-shift", payment_method="cash"))
    shift = api.post("/api/v1/shifts", {"opening_float_fen": 5000}).get_json()["shift"]
    other = Api(app.test_client(), make.terminal()).sign_in(make, "cashier", "other-cashier")
    other.post("/api/v1/sales", lunch({"walk_in": True}, dish, "other-cashier-sale", payment_method="cash"))
    report = api.post(f"/api/v1/shifts/{shift['id']}/close", {"counted_cash_fen": 5000}).get_json()
    assert (report["meals"], report["cash_takings_fen"], report["difference_fen"]) == (0, 0, 0)


def test_only_the_shifts_cashier_or_a_manager_sees_it(api, make, app, manager_api):
    shift = api.post("/api/v1/shifts", {"opening_float_fen": 100}).get_json()["shift"]
    other = Api(app.test_client(), make.terminal()).sign_in(make, "cashier", "nosy-cashier")
    refused = other.get(f"/api/v1/shifts/{shift['id']}/report")
    assert (refused.status_code, refused.get_json()["error"]["code"]) == (403, "forbidden")
    assert manager_api.get(f"/api/v1/shifts/{shift['id']}/report").status_code == 200
    assert api.get("/api/v1/shifts/999/report").status_code == 404


def test_bad_amounts_are_refused_by_field(api):
    response = api.post("/api/v1/shifts", {"opening_float_fen": -1})
    assert response.status_code == 422
    assert response.get_json()["error"] == {"code": "invalid_input", "field": "opening_float_fen",
                                            "message": "备用金：必须在 0.00 元到 100,000.00 元之间"}
    half = api.post("/api/v1/shifts", {"opening_float_fen": 12.5})
    assert (half.status_code, half.get_json()["error"]["message"]) == (422, "备用金：必须是以分为单位的整数")
    closing = api.post("/api/v1/shifts/1/close", {"counted_cash_fen": 10_000_001})
    assert (closing.status_code, closing.get_json()["error"]["message"]) == (
        422, "实点现金：必须在 0.00 元到 100,000.00 元之间")


def test_shifts_need_a_signed_in_cashier(client, make):
    make.canteen()
    anonymous = Api(client, make.terminal())
    assert anonymous.post("/api/v1/shifts", {"opening_float_fen": 0}).status_code == 401


def test_the_openapi_document_lists_the_shift_paths(client):
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    assert {"/shifts", "/shifts/current", "/shifts/{id}/close", "/shifts/{id}/report"} <= paths.keys()
