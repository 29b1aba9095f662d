"""A card's life through the API: issue with a deposit, lose, replace, return, unblock — every fen accounted for."""
from sqlalchemy import select

from pos.audit import AuditEntry
from pos.credentials.checks import check_card_deposits
from pos.credentials.models import Card
from pos.integrity.verify import verify_ledger
from pos.ledger.models import Account, LedgerTransaction
from pos.ledger.verify import Verification


def balances(database) -> dict[str, int]:
    with database.unit_of_work() as session:
        return {a.code: a.balance_fen for a in session.scalars(select(Account).where(Account.resident_id.is_(None)))}


def verified(database) -> bool:
    with database.unit_of_work() as session:
        result = verify_ledger(session)
        check_card_deposits(session, result)
    assert result.violations == []
    return result.ok


def lunch(uid, dish, key):
    return {"idempotency_key": key, "meal_period": "lunch", "credential": {"card_uid": uid},
            "items": [{"dish_id": dish, "qty": 1}]}


def test_issue_takes_the_deposit_into_the_deposit_account(api, make, database):
    resident = make.resident()
    response = api.post("/api/v1/cards", {"resident_id": resident, "uid": "04:a1:b2:c3", "deposit_fen": 2000})
    assert response.status_code == 201
    assert response.get_json() == {"id": response.get_json()["id"], "uid": "04A1B2C3", "resident_id": resident,
                                   "status": "active", "deposit_fen": 2000}
    assert balances(database) == {"cash": 2000, "card_deposit": 2000}
    history = api.get("/api/v1/cards/04A1B2C3/history").get_json()
    assert [(e["kind"], e["by_resident"]) for e in history["events"]] == [("issued", False)]
    with database.unit_of_work() as session:
        txn = session.get(LedgerTransaction, history["events"][0]["transaction_id"])
        assert (txn.kind, sorted(e.amount_fen for e in txn.entries)) == ("deposit", [-2000, 2000])
    assert verified(database)


def test_issue_without_deposit_and_refusals(api, make):
    resident = make.resident()
    assert api.post("/api/v1/cards", {"resident_id": resident, "uid": "04A1B2C3"}).get_json()["deposit_fen"] == 0
    again = api.post("/api/v1/cards", {"resident_id": resident, "uid": "04a1b2c3"})
    assert (again.status_code, again.get_json()["error"]["code"]) == (409, "card_exists")
    bad = api.post("/api/v1/cards", {"resident_id": resident, "uid": "XYZ"})
    assert (bad.status_code, bad.get_json()["error"]["code"]) == (422, "invalid_input")
    too_much = api.post("/api/v1/cards", {"resident_id": resident, "uid": "04D5E6F7", "deposit_fen": 20_001})
    assert too_much.status_code == 422


def test_a_lost_card_is_refused_in_sales_at_once(api, make):
    resident = make.resident(balance_fen=3000)
    api.post("/api/v1/cards", {"resident_id": resident, "uid": "04A1B2C3"})
    lost = api.post("/api/v1/cards/04A1B2C3/lost", {})
    assert (lost.status_code, lost.get_json()["status"]) == (200, "blocked")
    sale = api.post("/api/v1/sales", lunch("04A1B2C3", make.dish(price_fen=1000), "lost-001"))
    assert (sale.status_code, sale.get_json()["error"]["code"]) == (403, "card_blocked")
    twice = api.post("/api/v1/cards/04A1B2C3/lost", {})
    assert (twice.status_code, twice.get_json()["error"]["code"]) == (409, "card_blocked")


def test_replace_keeps_the_wallet_and_carries_the_deposit(api, make, database):
    resident = make.resident(balance_fen=3000)
    api.post("/api/v1/cards", {"resident_id": resident, "uid": "04A1B2C3", "deposit_fen": 1000})
    api.post("/api/v1/cards/04A1B2C3/lost", {})
    response = api.post("/api/v1/cards/04A1B2C3/replace", {"new_uid": "04D5E6F7"})
    assert response.status_code == 201
    body = response.get_json()
    assert (body["old"]["status"], body["old"]["deposit_fen"]) == ("blocked", 0)
    assert (body["new"]["uid"], body["new"]["status"], body["new"]["deposit_fen"], body["new"]["resident_id"]) == (
        "04D5E6F7", "active", 1000, resident)
    dish = make.dish(price_fen=1000)
    refused = api.post("/api/v1/sales", lunch("04A1B2C3", dish, "old-card-0001"))
    assert refused.get_json()["error"]["code"] == "card_blocked"
    sale = api.post("/api/v1/sales", lunch("04D5E6F7", dish, "new-card-0001"))
    # 30 yuan less a 10-yuan meal with the 2-yuan age-70 subsidy
    assert (sale.status_code, sale.get_json()["balance_after_fen"]) == (201, 2200)
    assert [e["kind"] for e in api.get("/api/v1/cards/04A1B2C3/history").get_json()["events"]] == [
        "issued", "reported_lost", "replaced"]
    assert api.get("/api/v1/cards/04D5E6F7/history").get_json()["events"][0]["note"] == "replaces 04A1B2C3"
    assert balances(database)["card_deposit"] == 1000
    assert verified(database)
    twice = api.post("/api/v1/cards/04A1B2C3/replace", {"new_uid": "04112233"})
    assert (twice.status_code, twice.get_json()["error"]["code"]) == (409, "card_replaced")


def test_return_refunds_the_deposit_and_the_card_can_be_issued_again(api, make, database):
    first, second = make.resident(name="王建国"), make.resident(name="李秀英")
    api.post("/api/v1/cards", {"resident_id": first, "uid": "04A1B2C3", "deposit_fen": 2000})
    response = api.post("/api/v1/cards/04A1B2C3/return", {})
    assert response.get_json() == {"id": response.get_json()["id"], "uid": "04A1B2C3", "resident_id": first,
                                   "status": "returned", "deposit_fen": 0, "refunded_fen": 2000}
    assert balances(database) == {"cash": 0, "card_deposit": 0}
    with database.unit_of_work() as session:
        kinds = session.scalars(select(LedgerTransaction.kind).order_by(LedgerTransaction.id)).all()
    assert kinds[-2:] == ["deposit", "deposit_refund"]
    assert verified(database)
    reissued = api.post("/api/v1/cards", {"resident_id": second, "uid": "04A1B2C3", "deposit_fen": 500})
    assert (reissued.status_code, reissued.get_json()["resident_id"]) == (201, second)
    assert [e["kind"] for e in api.get("/api/v1/cards/04A1B2C3/history").get_json()["events"]] == [
        "issued", "returned", "issued"]
    assert balances(database) == {"cash": 500, "card_deposit": 500}
    assert verified(database)


def test_unblock_is_for_managers_and_not_for_replaced_cards(api, manager_api, make):
    resident = make.resident()
    api.post("/api/v1/cards", {"resident_id": resident, "uid": "04A1B2C3"})
    api.post("/api/v1/cards/04A1B2C3/lost", {})
    assert api.post("/api/v1/cards/04A1B2C3/unblock", {}).status_code == 403
    found = manager_api.post("/api/v1/cards/04A1B2C3/unblock", {})
    assert (found.status_code, found.get_json()["status"]) == (200, "active")
    manager_api.post("/api/v1/cards/04A1B2C3/replace", {"new_uid": "04D5E6F7"})
    refused = manager_api.post("/api/v1/cards/04A1B2C3/unblock", {})
    assert (refused.status_code, refused.get_json()["error"]["code"]) == (409, "card_replaced")


def test_history_names_who_did_what(api, make, database):
    resident = make.resident()
    api.post("/api/v1/cards", {"resident_id": resident, "uid": "04A1B2C3"})
    api.post("/api/v1/cards/04A1B2C3/lost", {})
    with database.unit_of_work() as session:
        events = session.scalars(select(AuditEntry).where(AuditEntry.subject == "card").order_by(AuditEntry.id)).all()
        assert [(e.action, e.staff_id is not None, e.terminal_id is not None) for e in events] == [
            ("card.issued", True, True), ("card.reported_lost", True, True)]
        assert (events[1].before["status"], events[1].after["status"]) == ("active", "blocked")
    missing = api.get("/api/v1/cards/04FFFFFF/history")
    assert (missing.status_code, missing.get_json()["error"]["code"]) == (404, "card_not_found")


def test_the_deposit_check_finds_a_card_whose_deposit_was_not_booked(make, database):
    make.card(make.resident(), uid="04A1B2C3")
    with database.unit_of_work() as session:
        session.scalars(select(Card)).one().deposit_fen = 1000  # written behind the services' back
        result = Verification()
        check_card_deposits(session, result)
    assert result.violations == ["cards hold 1000 fen of deposits but the card_deposit account 0 fen"]
