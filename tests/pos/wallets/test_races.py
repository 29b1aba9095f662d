"""Wallet writes racing each other: a retry gets the first answer, a second correction or refund a clear 409."""
from datetime import date

from pos.integrity.verify import verify_ledger
from tests.support.races import ROUNDS, one_terminal, race, statuses


def test_a_top_up_retry_racing_its_original_gets_the_first_answer(app, make, database):
    tills = one_terminal(app, make, 2)
    resident = make.resident(born=date(1960, 5, 5))
    for n in range(ROUNDS):
        body = {"amount_fen": 1000, "method": "cash", "idempotency_key": f"top-up-key-{n}"}
        responses = race(database, [lambda t=t: t.post(f"/api/v1/residents/{resident}/topups", body) for t in tills])
        assert statuses(responses) == [(200, None), (201, None)], [r.get_json() for r in responses]
        assert responses[0].get_json() == responses[1].get_json()
        assert responses[0].get_json()["balance_fen"] == 1000 * (n + 1)
    with database.unit_of_work() as session:
        assert verify_ledger(session).ok


def test_a_top_up_corrected_twice_at_once_is_corrected_once(app, make, database):
    tills = one_terminal(app, make, 2, role="manager")
    resident = make.resident(born=date(1960, 5, 5))
    for n in range(ROUNDS):
        top_up = tills[0].post(f"/api/v1/residents/{resident}/topups", {
            "amount_fen": 10_000, "method": "cash", "idempotency_key": f"typo-key-{n}"}).get_json()["top_up_id"]
        responses = race(database, [lambda t=t: t.post(f"/api/v1/topups/{top_up}/correction", {
            "correct_amount_fen": 1000, "reason": "多打了一个零"}) for t in tills])
        assert statuses(responses) == [(200, None), (409, "already_corrected")]
    assert tills[0].get(f"/api/v1/residents/{resident}").get_json()["balance_fen"] == 1000 * ROUNDS
    with database.unit_of_work() as session:
        assert verify_ledger(session).ok


def test_a_leaver_refunded_twice_at_once_is_paid_once(app, make, database):
    tills = one_terminal(app, make, 2, role="manager")
    for n in range(ROUNDS):
        resident = make.resident(born=date(1960, 5, 5), balance_fen=2345)
        responses = race(database, [lambda t=t: t.post(f"/api/v1/residents/{resident}/refund", {
            "method": "cash", "reason": "搬走了"}) for t in tills])
        assert statuses(responses) == [(200, None), (409, "nothing_to_refund")]
    with database.unit_of_work() as session:
        assert verify_ledger(session).ok


def test_one_wechat_payment_keyed_at_two_desks_at_once_is_recorded_once(app, make, database):
    tills = one_terminal(app, make, 2)
    residents = [make.resident(born=date(1960, 5, 5)), make.resident(born=date(1961, 6, 6))]
    for n in range(ROUNDS):
        responses = race(database, [lambda t=t, r=r, k=k: t.post(f"/api/v1/residents/{r}/topups", {
            "amount_fen": 5000, "method": "wechat", "reference": f"4200000000{n:04d}",
            "idempotency_key": f"same-payment-{n}-{k}"}) for k, (t, r) in enumerate(zip(tills, residents))])
        assert statuses(responses) == [(201, None), (409, "duplicate_reference")], [r.get_json() for r in responses]
    balances = [tills[0].get(f"/api/v1/residents/{r}").get_json()["balance_fen"] for r in residents]
    assert sum(balances) == 5000 * ROUNDS
    with database.unit_of_work() as session:
        assert verify_ledger(session).ok
