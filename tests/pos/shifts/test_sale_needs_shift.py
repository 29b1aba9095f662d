"""A sale needs an open shift (the canteen's setting, on unless its admins turn it off): the cashier's own shift.

Without one the server refuses the sale, or a cash top-up at a till, inside the settle transaction and
writes nothing; with the setting off it takes the money outside any shift.
"""
from datetime import date

import pytest
from sqlalchemy import func, select

from pos.audit.models import AuditEntry
from pos.clock import utc_now
from pos.errors import Conflict
from pos.idempotency import IdempotentRequest, RequestKey
from pos.ledger.models import LedgerTransaction
from pos.sales import services
from pos.sales.models import Sale
from pos.sales.orders import read_order
from pos.shifts.services import close_shift, open_shift, require_open_shift
from pos.terminals.models import Terminal
from pos.wallets.models import TopUp
from tests.conftest import Api
from tests.support.selling import Till

REFUSAL_ZH = "尚未开班:请先清点备用金并开班(F8),再收款。"
REFUSAL_EN = "No shift is open: open a shift (F8) with the counted cash float before taking money."


def lunch(dish: int, key: str, **extra) -> dict:
    return {"credential": {"walk_in": True}, "items": [{"dish_id": dish, "qty": 1}], "meal_period": "lunch",
            "payment_method": "cash", "idempotency_key": key} | extra


def written(database) -> tuple[int, ...]:
    """Sales, ledger transactions, stored answers, top-ups and audit rows so far."""
    with database.unit_of_work() as session:
        return tuple(session.scalar(select(func.count()).select_from(model))
                     for model in (Sale, LedgerTransaction, IdempotentRequest, TopUp, AuditEntry))


def settle(till: Till, body: dict, at):
    """Settle through the service as the API does: under the rule on shifts."""
    return services.settle_sale(till.database, till.settings, read_order(body), RequestKey.of(body),
                                services.Till(till.terminal_id, till.cashier, require_open_shift), at, "zh_CN")


@pytest.fixture
def till(app, make) -> Till:
    make.canteen()
    return Till.open(app, make)


def test_a_sale_without_an_open_shift_is_refused_and_writes_nothing(till, make, database):
    dish = make.dish(price_fen=1200)
    before = written(database)
    with pytest.raises(Conflict) as refused:
        settle(till, lunch(dish, "no-shift-1"), utc_now())
    assert (refused.value.status, refused.value.code) == (409, "shift_needed")
    assert written(database) == before


def test_the_cashiers_open_shift_counts_wherever_it_was_opened(till, make, database):
    dish = make.dish(price_fen=1200)
    make.terminal("counter-9")  # the shift opened at another till: still this cashier's drawer
    with database.unit_of_work() as session:
        elsewhere = session.scalar(select(Terminal.id).where(Terminal.name == "counter-9"))
    shift = open_shift(database, till.cashier, elsewhere, 5000)["shift"]
    sale = settle(till, lunch(dish, "in-shift-1"), utc_now()).payload
    assert (sale["paid_fen"], sale["payment_method"]) == (1200, "cash")
    report = close_shift(database, shift["id"], till.cashier, 6200)
    assert (report["meals"], report["cash_sales_fen"], report["expected_cash_fen"], report["difference_fen"]) == (
        1, 1200, 6200, 0)
    before = written(database)
    with pytest.raises(Conflict):  # the shift closed: no more money until the next one opens
        settle(till, lunch(dish, "after-shift-1"), utc_now())
    assert written(database) == before


def test_another_cashiers_shift_does_not_count(till, make, database):
    dish = make.dish(price_fen=1200)
    open_shift(database, make.user("李收银", "cashier"), till.terminal_id, 0)  # at this very till
    with pytest.raises(Conflict):
        settle(till, lunch(dish, "not-my-shift-1"), utc_now())


def test_with_the_setting_off_a_sale_needs_no_shift(till, make, database):
    make.canteen_settings(sale_needs_shift=False)
    dish = make.dish(price_fen=1200)
    sale = settle(till, lunch(dish, "setting-off-1"), utc_now()).payload
    assert (sale["receipt_no"][-4:], sale["paid_fen"]) == ("0001", 1200)


def test_the_api_refuses_in_the_cashiers_language_and_the_same_key_settles_once_a_shift_is_open(
        api_off_shift, make, database):
    api, dish = api_off_shift, make.dish(price_fen=1500)
    before = written(database)
    refused = api.post("/api/v1/sales", lunch(dish, "api-no-shift-1"))
    assert (refused.status_code, refused.get_json()) == (409, {"error": {
        "code": "shift_needed", "message": REFUSAL_ZH}})
    english = api.client.post("/api/v1/sales", json=lunch(dish, "api-no-shift-1"),
                              headers=api.headers | {"Accept-Language": "en"})
    assert (english.status_code, english.get_json()["error"]["message"]) == (409, REFUSAL_EN)
    assert written(database) == before  # not even the idempotency key: a refusal is not an answer
    api.open_shift(10_000)
    settled = api.post("/api/v1/sales", lunch(dish, "api-no-shift-1"))
    assert (settled.status_code, settled.get_json()["paid_fen"]) == (201, 1500)


def test_a_cash_top_up_at_a_till_needs_a_shift_but_a_mobile_one_does_not(api_off_shift, make, database):
    api = api_off_shift
    resident = make.resident(born=date(1951, 6, 1))
    before = written(database)
    cash = api.post(f"/api/v1/residents/{resident}/topups",
                    {"amount_fen": 5000, "method": "cash", "idempotency_key": "cash-no-shift-1"})
    assert (cash.status_code, cash.get_json()["error"]["code"]) == (409, "shift_needed")
    assert written(database) == before
    wechat = api.post(f"/api/v1/residents/{resident}/topups", {"amount_fen": 5000, "method": "wechat",
                                                              "reference": "4200000000000001",
                                                              "idempotency_key": "wechat-no-shift-1"})
    assert (wechat.status_code, wechat.get_json()["balance_fen"]) == (201, 5000)


def test_the_setting_off_lets_the_api_take_cash_without_a_shift(api_off_shift, make):
    make.canteen_settings(sale_needs_shift=False)
    dish, resident = make.dish(price_fen=800), make.resident(born=date(1951, 6, 1))
    assert api_off_shift.post("/api/v1/sales", lunch(dish, "off-api-1")).status_code == 201
    topped = api_off_shift.post(f"/api/v1/residents/{resident}/topups",
                                {"amount_fen": 3000, "method": "cash", "idempotency_key": "off-cash-1"})
    assert (topped.status_code, topped.get_json()["balance_fen"]) == (201, 3000)


def test_the_counter_page_says_whether_a_sale_needs_a_shift(client, make, auth):
    make.canteen()
    auth.login("cashier")
    assert '"sale_needs_shift": true' in client.get("/counter").get_data(as_text=True)
    make.canteen_settings(sale_needs_shift=False)
    assert '"sale_needs_shift": false' in client.get("/counter").get_data(as_text=True)


def test_other_cashiers_at_the_same_terminal_each_need_their_own(app, make):
    make.canteen()
    token = make.terminal()
    first = Api(app.test_client(), token).sign_in(make, "cashier", "first-cashier").open_shift()
    second = Api(app.test_client(), token).sign_in(make, "cashier", "second-cashier")
    dish = make.dish(price_fen=900)
    assert first.post("/api/v1/sales", lunch(dish, "first-cashier-1")).status_code == 201
    refused = second.post("/api/v1/sales", lunch(dish, "second-cashier-1"))
    assert (refused.status_code, refused.get_json()["error"]["code"]) == (409, "shift_needed")
