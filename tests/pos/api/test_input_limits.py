"""Input an attacker or a slip could send: refused with a 4xx naming the field, nothing written."""
from __future__ import annotations

import pytest

from pos.integrity.verify import verify_ledger
from pos.sales.models import Sale


def walk_in(dish, items, key="limits-key-1"):
    return {"idempotency_key": key, "credential": {"walk_in": True}, "meal_period": "lunch",
            "payment_method": "cash", "items": items}


def sales(database) -> int:
    with database.unit_of_work() as session:
        return session.query(Sale).count()


def test_a_sale_too_big_is_refused_and_nothing_is_posted(api, make, database):
    dish = make.dish(price_fen=1500)
    lines = [{"dish_id": make.dish(f"菜{n}", 100), "qty": 1} for n in range(31)]
    too_many_lines = api.post("/api/v1/sales", walk_in(dish, lines))
    too_many_portions = api.post("/api/v1/sales", walk_in(dish, [{"dish_id": dish, "qty": 50},
                                                                 {"dish_id": lines[0]["dish_id"], "qty": 50},
                                                                 {"dish_id": lines[1]["dish_id"], "qty": 1}]))
    too_dear = api.post("/api/v1/sales", walk_in(dish, [{"dish_id": make.dish("寿宴", 500_00), "qty": 5}]))
    assert [(r.status_code, r.get_json()["error"]["message"]) for r in (too_many_lines, too_many_portions, too_dear)] == [
        (422, "所点菜品：最多 30 行"), (422, "所点菜品：总份数最多 100 份"),
        (422, "所点菜品：合计 2500.00 元，超过一笔销售的上限（2000.00 元）")]
    assert sales(database) == 0
    with database.unit_of_work() as session:
        assert verify_ledger(session).ok


@pytest.mark.parametrize("path", ["/api/v1/residents/1000000000000000000000000000000",
                                  "/api/v1/sales/18446744073709551616/void", "/api/v1/sales/0/receipt.pdf"])
def test_an_id_no_database_can_hold_is_no_such_page(api, manager_api, path):
    response = (manager_api.post(path, {"reason": "x"}) if path.endswith("void") else manager_api.get(path))
    assert (response.status_code, response.get_json()["error"]["code"]) == (404, "not_found")


def test_deep_json_and_control_characters_are_refused(api, make, manager_api):
    nested = "[" * 100_000 + "]" * 100_000
    deep = api.client.post("/api/v1/sales", data=nested, headers=api.headers | {"Content-Type": "application/json"})
    assert deep.status_code == 422
    named = manager_api.post("/api/v1/residents", {"name": "王\x00秀英", "id_number": "141002194803080321"})
    assert (named.status_code, named.get_json()["error"]["message"]) == (422, "不能包含控制字符")


def test_a_body_over_two_megabytes_is_refused(api):
    response = api.client.post("/api/v1/sales", data=b"{" + b" " * (2 * 1024 * 1024) + b"}",
                               headers=api.headers | {"Content-Type": "application/json"})
    assert response.status_code == 413
