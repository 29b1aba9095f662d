"""Terminals at the same moment: no overdraft, no lost update, caps hold, retries get the first answer.

Run on SQLite and PostgreSQL. On PostgreSQL each race holds the racers' write transactions until all
have begun (tests/support/races.py), so every round is the worst interleaving, not a lucky one.
"""
from datetime import date

from pos.integrity.verify import verify_ledger
from tests.conftest import Api
from tests.support.races import ROUNDS, at_once, one_terminal, race


def counters(app, make, n: int) -> list[Api]:
    """n terminals, each with its own cashier signed in and their shift open."""
    make.canteen()
    return [Api(app.test_client(), make.terminal()).sign_in(make, username=f"cashier-{i}").open_shift()
            for i in range(n)]


def sale(card, dish, key):
    return {"idempotency_key": key, "credential": {"card_uid": card}, "items": [{"dish_id": dish, "qty": 1}],
            "meal_period": "lunch"}


def test_two_terminals_cannot_overdraw_one_wallet(app, make, database):
    tills = counters(app, make, 2)
    resident = make.resident(born=date(1960, 5, 5), balance_fen=1500)  # 66: no subsidy under 10 yuan
    card, dish = make.card(resident), make.dish(price_fen=900)
    responses = race(database, [lambda t=t, n=n: t.post("/api/v1/sales", sale(card, dish, f"race-key-{n}"))
                                for n, t in enumerate(tills)])
    assert sorted(r.status_code for r in responses) == [201, 402]
    assert tills[0].get(f"/api/v1/residents/{resident}").get_json()["balance_fen"] == 600
    with database.unit_of_work() as session:
        assert verify_ledger(session).ok


def test_one_subsidised_lunch_when_two_cashiers_serve_the_same_second(app, make, database):
    tills = counters(app, make, 2)
    resident = make.resident(born=date(1951, 6, 1), balance_fen=10_000)
    card, dish = make.card(resident), make.dish(price_fen=1200)
    responses = race(database, [lambda t=t, n=n: t.post("/api/v1/sales", sale(card, dish, f"cap-key-{n}"))
                                for n, t in enumerate(tills)])
    assert sorted(r.get_json()["subsidy_fen"] for r in responses) == [0, 200]
    assert tills[0].get(f"/api/v1/residents/{resident}").get_json()["balance_fen"] == 10_000 - 1000 - 1200


def test_many_sales_and_top_ups_lose_no_update(app, make, database):
    tills = counters(app, make, 4)
    resident = make.resident(born=date(1960, 5, 5), balance_fen=20_000)
    card, dish = make.card(resident), make.dish(price_fen=900)

    def work(till, n):
        for k in range(5):
            assert till.post("/api/v1/sales", sale(card, dish, f"many-{n}-{k}")).status_code == 201
            assert till.post(f"/api/v1/residents/{resident}/topups",
                             {"amount_fen": 100, "method": "cash", "idempotency_key": f"topup-{n}-{k}"}).status_code == 201

    at_once([lambda t=t, n=n: work(t, n) for n, t in enumerate(tills)])
    assert tills[0].get(f"/api/v1/residents/{resident}").get_json()["balance_fen"] == 20_000 - 20 * 900 + 20 * 100
    with database.unit_of_work() as session:
        assert verify_ledger(session).ok


def test_a_retry_racing_its_original_gets_the_first_answer_not_insufficient_balance(app, make, database):
    tills = one_terminal(app, make, 2)
    dish = make.dish(price_fen=700)
    for n in range(ROUNDS):
        resident = make.resident(born=date(1960, 5, 5), balance_fen=800)  # enough for one 7-yuan lunch, not two
        card = make.card(resident, uid=f"0A{n:06X}")
        responses = race(database, [lambda t=t: t.post("/api/v1/sales", sale(card, dish, f"retry-key-{n}"))
                                    for t in tills])
        assert sorted(r.status_code for r in responses) == [200, 201], [r.get_json() for r in responses]
        assert responses[0].get_json() == responses[1].get_json()
        assert responses[0].get_json()["balance_after_fen"] == 100
    assert tills[0].get(f"/api/v1/residents/{resident}").get_json()["balance_fen"] == 100
    with database.unit_of_work() as session:
        assert verify_ledger(session).ok


def test_a_walk_in_sale_voided_twice_at_once_is_voided_once(app, make, database):
    tills = one_terminal(app, make, 2, role="manager")
    dish = make.dish(price_fen=1500)
    for n in range(ROUNDS):
        settled = tills[0].post("/api/v1/sales", {"idempotency_key": f"walk-in-{n}", "credential": {"walk_in": True},
                                                  "items": [{"dish_id": dish, "qty": 1}], "meal_period": "lunch",
                                                  "payment_method": "cash"})
        sale_id = settled.get_json()["sale_id"]
        responses = race(database, [lambda t=t: t.post(f"/api/v1/sales/{sale_id}/void", {"reason": "按错了"})
                                    for t in tills])
        assert sorted(r.status_code for r in responses) == [200, 409], [r.get_json() for r in responses]
        refused = next(r for r in responses if r.status_code == 409)
        assert refused.get_json()["error"]["code"] == "already_voided"
    with database.unit_of_work() as session:
        assert verify_ledger(session).ok


def test_a_resident_sale_voided_twice_at_once_is_voided_once(app, make, database):
    tills = one_terminal(app, make, 2, role="manager")
    resident = make.resident(born=date(1960, 5, 5), balance_fen=900 * ROUNDS)
    card, dish = make.card(resident), make.dish(price_fen=900)
    for n in range(ROUNDS):
        sale_id = tills[0].post("/api/v1/sales", sale(card, dish, f"to-void-key-{n}")).get_json()["sale_id"]
        responses = race(database, [lambda t=t: t.post(f"/api/v1/sales/{sale_id}/void", {"reason": "按错了"})
                                    for t in tills])
        assert sorted(r.status_code for r in responses) == [200, 409], [r.get_json() for r in responses]
        assert max(r.get_json().get("balance_after_fen") or 0 for r in responses) == 900 * ROUNDS
    with database.unit_of_work() as session:
        assert verify_ledger(session).ok
