"""/orders, the managers' page: the day's orders by meal, wallets short of them, a booking refused after the cut-off."""
from __future__ import annotations

import re

import pytest

from pos.orders import routes as order_routes
from tests.pos.orders.conftest import DAY, at, counts


@pytest.fixture
def clock(monkeypatch):
    now = {"at": at(DAY, 8)}
    monkeypatch.setattr(order_routes, "utc_now", lambda: now["at"])
    return now


def book(client, resident_id, period="lunch", key="page-key-0001"):
    return client.post("/orders/book", data={"resident_id": resident_id, "day": DAY.isoformat(), "meal_period": period,
                                             "channel": "dine_in", "idempotency_key": key}, follow_redirects=True)


def test_a_manager_books_and_sees_the_count_and_a_short_wallet(client, auth, kitchen, make, clock):
    poor = make.resident(name="李建国", balance_fen=500)  # 76: 2 yuan off, 10 yuan to pay
    auth.login("manager")
    html = book(client, poor).get_data(as_text=True)
    assert f"李建国：午餐已预订（{DAY.isoformat()}）" in html
    assert re.search(r'id="count-lunch"><span class="label">午餐</span><span class="value">1<', html)
    assert "余额不足以支付所订餐的居民" in html
    assert re.search(rf'<tr data-resident="{poor}"><td>李建国</td><td>[^<]*10\.00</td><td>[^<]*5\.00</td>', html)
    assert "预订和取消截止于2026-12-10 09:30。" in html


def test_after_the_cut_off_the_page_says_so_and_books_nothing(client, auth, kitchen, database, clock):
    clock["at"] = at(DAY, 9, 30)
    auth.login("manager")
    html = book(client, kitchen.resident).get_data(as_text=True)
    assert "预订2026-12-10的午餐已于2026-12-10 09:30截止" in html
    assert counts(database) == (0, 0, 0)


def test_a_cashier_may_not_open_the_page(client, auth, kitchen):
    auth.login("cashier")
    assert client.get(f"/orders?day={DAY.isoformat()}").status_code == 403
