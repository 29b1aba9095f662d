"""Two terminals at the same moment: no overdraft, no lost update, caps hold (SQLite and PostgreSQL)."""
import threading
from datetime import date

from pos.audit import verify_ledger
from tests.conftest import Api


def counters(app, make, n: int) -> list[Api]:
    """n terminals, each with its own cashier signed in."""
    make.canteen()
    return [Api(app.test_client(), make.terminal()).sign_in(make, username=f"cashier-{i}") for i in range(n)]


def at_once(calls) -> list:
    """Run the calls in threads released together; return their responses in order."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(i, call):
        barrier.wait()
        results[i] = call()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return results


def sale(card, dish, key):
    return {"idempotency_key": key, "credential": {"card_uid": card}, "items": [{"dish_id": dish, "qty": 1}],
            "meal_period": "lunch"}


def test_two_terminals_cannot_overdraw_one_wallet(app, make, database):
    tills = counters(app, make, 2)
    resident = make.resident(born=date(1960, 5, 5), balance_fen=1500)  # 66: no subsidy under 10 yuan
    card, dish = make.card(resident), make.dish(price_fen=900)
    responses = at_once([lambda t=t, n=n: t.post("/api/v1/sales", sale(card, dish, f"race-key-{n}"))
                         for n, t in enumerate(tills)])
    assert sorted(r.status_code for r in responses) == [201, 402]
    assert tills[0].get(f"/api/v1/residents/{resident}").get_json()["balance_fen"] == 600
    with database.unit_of_work() as session:
        assert verify_ledger(session).ok


def test_one_subsidised_lunch_when_two_cashiers_serve_the_same_second(app, make):
    tills = counters(app, make, 2)
    resident = make.resident(born=date(1951, 6, 1), balance_fen=10_000)
    card, dish = make.card(resident), make.dish(price_fen=1200)
    responses = at_once([lambda t=t, n=n: t.post("/api/v1/sales", sale(card, dish, f"cap-key-{n}"))
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


def test_a_retry_racing_its_original_makes_one_sale(app, make):
    make.canteen()
    token = make.terminal()
    tills = [Api(app.test_client(), token).sign_in(make, username=f"same-{i}") for i in range(2)]
    resident = make.resident(born=date(1960, 5, 5), balance_fen=5000)
    card, dish = make.card(resident), make.dish(price_fen=900)
    responses = at_once([lambda t=t: t.post("/api/v1/sales", sale(card, dish, "one-key-for-both")) for t in tills])
    assert sorted(r.status_code for r in responses) == [200, 201]
    assert responses[0].get_json() == responses[1].get_json()
    assert tills[0].get(f"/api/v1/residents/{resident}").get_json()["balance_fen"] == 4100
