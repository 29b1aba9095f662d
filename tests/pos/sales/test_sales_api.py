"""The sales API: quote, settle, retry, refuse, void — every fen accounted for."""
from datetime import date

from sqlalchemy import func, select

from pos.integrity.verify import verify_ledger
from pos.sales.models import Sale
from pos.servicerecords.models import ServiceRecord

BORN_1951 = date(1951, 6, 1)  # 75 in 2026: the 70–79 rule, 2 yuan from the district


def lunch(credential, *items, key=None, **extra):
    body = {"credential": credential, "items": [{"dish_id": d, "qty": q} for d, q in items], "meal_period": "lunch"}
    if key:
        body["idempotency_key"] = key
    return body | extra


def sales_count(database) -> int:
    with database.unit_of_work() as session:
        return session.scalar(select(func.count()).select_from(Sale))


def test_quote_applies_the_policy_and_moves_no_money(api, make):
    resident = make.resident(born=BORN_1951, balance_fen=5000)
    card = make.card(resident)
    pork, greens = make.dish("红烧肉", 800), make.dish("清炒油菜", 400, "vegetable")
    response = api.post("/api/v1/sales/quote", lunch({"card_uid": card}, (pork, 1), (greens, 1)))
    assert response.status_code == 200
    assert response.get_json() == {
        "total_fen": 1200, "subsidy_fen": 200, "payable_fen": 1000, "balance_fen": 5000,
        "meal_period": "lunch", "channel": "dine_in",
        "subsidy_lines": [{"rule_id": "age-70", "policy_version": "yaodu-demo/2026.1", "funder": "district",
                           "amount_fen": 200, "reason": response.get_json()["subsidy_lines"][0]["reason"]}]}
    assert "70至79周岁老人" in response.get_json()["subsidy_lines"][0]["reason"]
    assert api.get(f"/api/v1/residents/{resident}").get_json()["balance_fen"] == 5000


def test_settle_takes_the_rest_from_the_wallet(api, make, database):
    resident = make.resident(born=BORN_1951, balance_fen=5000)
    card = make.card(resident)
    dish = make.dish("红烧肉", 1200)
    response = api.post("/api/v1/sales", lunch({"card_uid": card}, (dish, 1), key="sale-0001"))
    assert response.status_code == 201
    sale = response.get_json()
    assert sale["receipt_no"].endswith("-0001")
    assert (sale["total_fen"], sale["subsidy_fen"], sale["paid_fen"], sale["balance_after_fen"]) == (1200, 200, 1000, 4000)
    assert api.get(f"/api/v1/residents/{resident}").get_json()["balance_fen"] == 4000
    with database.unit_of_work() as session:
        assert verify_ledger(session).violations == []


def test_the_settled_sale_names_its_lines_for_the_receipt_on_screen(api, make):
    resident = make.resident(born=BORN_1951, balance_fen=5000)
    card = make.card(resident)
    pork, greens = make.dish("红烧肉", 800, name_en="Braised pork"), make.dish("清炒油菜", 400, "vegetable")
    sale = api.post("/api/v1/sales", lunch({"card_uid": card}, (pork, 2), (greens, 1), key="sale-lines-1")).get_json()
    assert sale["lines"] == [
        {"dish_id": pork, "name": "红烧肉", "qty": 2, "unit_price_fen": 800, "amount_fen": 1600},
        {"dish_id": greens, "name": "清炒油菜", "qty": 1, "unit_price_fen": 400, "amount_fen": 400}]
    assert (sale["total_fen"], sale["subsidy_fen"], sale["paid_fen"], sale["balance_after_fen"]) == (2000, 200, 1800, 3200)


def test_a_retry_returns_the_first_result_and_sells_nothing_more(api, make, database):
    resident = make.resident(balance_fen=5000)
    card = make.card(resident)
    body = lunch({"card_uid": card}, (make.dish(price_fen=1200), 1), key="retry-key-1")
    first = api.post("/api/v1/sales", body)
    again = api.post("/api/v1/sales", body)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.get_json() == first.get_json()
    assert sales_count(database) == 1


def test_the_same_key_with_another_body_is_refused(api, make):
    resident = make.resident(balance_fen=5000)
    card = make.card(resident)
    dish = make.dish(price_fen=1200)
    api.post("/api/v1/sales", lunch({"card_uid": card}, (dish, 1), key="reused-key"))
    response = api.post("/api/v1/sales", lunch({"card_uid": card}, (dish, 2), key="reused-key"))
    assert response.status_code == 409
    assert response.get_json()["error"]["code"] == "idempotency_conflict"


def test_not_enough_balance_is_refused_and_nothing_is_written(api, make, database):
    resident = make.resident(born=BORN_1951, balance_fen=500)
    card = make.card(resident)
    response = api.post("/api/v1/sales", lunch({"card_uid": card}, (make.dish(price_fen=1200), 1), key="too-poor-1"))
    assert response.status_code == 402
    assert response.get_json() == {"error": {"code": "insufficient_balance",
                                             "message": "余额不足：余额 5.00 元，需要 10.00 元"}}
    assert sales_count(database) == 0
    assert api.get(f"/api/v1/residents/{resident}").get_json()["balance_fen"] == 500


def test_refusals_have_their_own_codes(api, make):
    resident = make.resident(balance_fen=5000)
    make.card(resident, uid="0A0B0C0D", status="blocked")
    dish = make.dish()
    blocked = api.post("/api/v1/sales", lunch({"card_uid": "0A0B0C0D"}, (dish, 1), key="blocked-01"))
    unknown = api.post("/api/v1/sales", lunch({"card_uid": "DEADBEEF"}, (dish, 1), key="unknown-01"))
    bad_qty = api.post("/api/v1/sales", lunch({"card_uid": "DEADBEEF"}, (dish, 0), key="bad-qty-01"))
    no_key = api.post("/api/v1/sales", lunch({"card_uid": "DEADBEEF"}, (dish, 1)))
    assert (blocked.status_code, blocked.get_json()["error"]["code"]) == (403, "card_blocked")
    assert (unknown.status_code, unknown.get_json()["error"]["code"]) == (404, "unknown_credential")
    assert bad_qty.status_code == 422
    assert bad_qty.get_json()["error"]["message"] == "数量：必须是 1 到 50 之间的整数"
    assert no_key.get_json()["error"]["field"] == "idempotency_key"


def test_messages_follow_the_request_language(api, make):
    api.headers["Accept-Language"] = "en"
    response = api.post("/api/v1/sales/quote", lunch({"card_uid": "DEADBEEF"}, (make.dish(), 1)))
    assert response.get_json() == {"error": {"code": "unknown_credential", "message": "this card is not registered"}}


def test_a_card_typed_as_decimal_by_a_wedge_reader_is_found(api, make):
    resident = make.resident(balance_fen=5000)
    make.card(resident, uid="04A1B2C3")
    decimal = str(int.from_bytes(bytes.fromhex("04A1B2C3"), "little"))  # byte-reversed, as many readers type it
    response = api.post("/api/v1/sales/quote", lunch({"card_uid": decimal}, (make.dish(), 1)))
    assert response.status_code == 200


def test_one_subsidised_lunch_a_day(api, make):
    resident = make.resident(born=BORN_1951, balance_fen=5000)
    card = make.card(resident)
    dish = make.dish(price_fen=1200)
    first = api.post("/api/v1/sales", lunch({"card_uid": card}, (dish, 1), key="lunch-one"))
    second = api.post("/api/v1/sales", lunch({"card_uid": card}, (dish, 1), key="lunch-two"))
    assert first.get_json()["subsidy_fen"] == 200
    assert second.get_json()["subsidy_fen"] == 0
    assert second.get_json()["balance_after_fen"] == 5000 - 1000 - 1200


def test_void_restores_the_wallet_and_the_subsidy(api, manager_api, make, database):
    resident = make.resident(born=BORN_1951, balance_fen=5000)
    card = make.card(resident)
    dish = make.dish(price_fen=1200)
    sale = api.post("/api/v1/sales", lunch({"card_uid": card}, (dish, 1), key="to-void-1")).get_json()
    no_reason = manager_api.post(f"/api/v1/sales/{sale['sale_id']}/void", {"reason": " "})
    assert no_reason.status_code == 422
    voided = manager_api.post(f"/api/v1/sales/{sale['sale_id']}/void", {"reason": "点错菜"})
    assert voided.get_json() == {"sale_id": sale["sale_id"], "receipt_no": sale["receipt_no"], "voided": True,
                                 "balance_after_fen": 5000}
    twice = manager_api.post(f"/api/v1/sales/{sale['sale_id']}/void", {"reason": "again"})
    assert twice.get_json()["error"]["code"] == "already_voided"
    again = api.post("/api/v1/sales", lunch({"card_uid": card}, (dish, 1), key="after-void"))
    assert again.get_json()["subsidy_fen"] == 200  # the voided lunch no longer counts
    with database.unit_of_work() as session:
        result = verify_ledger(session)
    assert result.violations == []
    assert result.checked["voids"] == 1


def test_walk_in_pays_full_price_in_cash(api, make):
    response = api.post("/api/v1/sales", lunch({"walk_in": True}, (make.dish(price_fen=1500), 2),
                                               key="walk-in-1", payment_method="cash"))
    sale = response.get_json()
    assert (response.status_code, sale["total_fen"], sale["subsidy_fen"], sale["paid_fen"]) == (201, 3000, 0, 3000)
    assert sale["payment_method"] == "cash" and sale["balance_after_fen"] is None


def test_receipt_numbers_have_no_gaps_after_a_refusal(api, make):
    rich, poor = make.resident(balance_fen=9000), make.resident(balance_fen=100)
    rich_card, poor_card = make.card(rich, "11111111"), make.card(poor, "22222222")
    dish = make.dish(price_fen=1200)
    numbers = []
    for n, card in enumerate([rich_card, poor_card, rich_card]):
        response = api.post("/api/v1/sales", lunch({"card_uid": card}, (dish, 1), key=f"gapless-{n}"))
        if response.status_code == 201:
            numbers.append(response.get_json()["receipt_no"][-4:])
    assert numbers == ["0001", "0002"]


def test_manual_look_up_is_for_managers(api, manager_api, make):
    resident = make.resident(balance_fen=5000)
    body = lunch({"resident_id": resident}, (make.dish(), 1))
    assert api.post("/api/v1/sales/quote", body).status_code == 403
    assert manager_api.post("/api/v1/sales/quote", body).status_code == 200


def test_api_needs_a_terminal_token(client, make):
    make.canteen()
    response = client.get("/api/v1/dishes")
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "terminal_unauthorized"


def test_a_meal_collected_by_a_named_proxy_is_recorded_as_such(api, make, database):
    resident = make.resident(born=BORN_1951, balance_fen=5000)
    card = make.card(resident)
    dish = make.dish("红烧肉", 1200)
    sale = api.post("/api/v1/sales", lunch({"card_uid": card}, (dish, 1), key="proxy-key-1", channel="pick_up",
                                           proxy_name="  王  芳 ")).get_json()
    assert (sale["proxy_name"], sale["paid_fen"]) == ("王 芳", 1000)
    with database.reader() as session:
        stored = session.get(Sale, sale["sale_id"])
        record = session.scalars(select(ServiceRecord)).one()
        assert (stored.credential_kind, stored.credential_ref, stored.proxy_name) == ("card", card, "王 芳")
        assert (record.identified, record.proxy_name, record.channel) == ("proxy", "王 芳", "pick_up")


def test_a_proxy_is_refused_for_a_walk_in_and_too_long_a_name_and_nothing_is_written(api, make, database):
    dish = make.dish("红烧肉", 1200)
    card = make.card(make.resident(born=BORN_1951, balance_fen=5000))
    walk_in = api.post("/api/v1/sales", lunch({"walk_in": True}, (dish, 1), key="proxy-key-2", proxy_name="王芳"))
    too_long = api.post("/api/v1/sales", lunch({"card_uid": card}, (dish, 1), key="proxy-key-3", proxy_name="王" * 41))
    assert (walk_in.status_code, walk_in.get_json()["error"]["field"]) == (422, "proxy_name")
    assert (too_long.status_code, too_long.get_json()["error"]["field"]) == (422, "proxy_name")
    assert sales_count(database) == 0


def test_no_proxy_name_is_no_proxy(api, make, database):
    card = make.card(make.resident(born=BORN_1951, balance_fen=5000))
    sale = api.post("/api/v1/sales", lunch({"card_uid": card}, (make.dish("红烧肉", 1200), 1), key="proxy-key-4",
                                           proxy_name=" ")).get_json()
    assert sale["proxy_name"] is None
    with database.reader() as session:
        assert session.scalars(select(ServiceRecord.identified)).one() == "card"
