"""Card and pass writes racing each other: the second gets a clear 409, never a 500 or a double."""
from datetime import date

from cards.qrpass import dynamic_payload
from pos.clock import utc_now
from pos.integrity.verify import verify_ledger
from tests.pos.sales.test_presentation import give_pass
from tests.support.races import ROUNDS, one_terminal, race, statuses


def test_one_new_card_issued_at_two_desks_at_once_goes_to_one_resident(app, make, database):
    desks = one_terminal(app, make, 2)
    for n in range(ROUNDS):
        residents = [make.resident(born=date(1950, 1, 1)) for _ in desks]
        responses = race(database, [lambda d=d, r=r: d.post("/api/v1/cards", {
            "resident_id": r, "uid": f"0C{n:06X}", "deposit_fen": 2000}) for d, r in zip(desks, residents)])
        assert statuses(responses) == [(201, None), (409, "card_exists")]
    histories = [desks[0].get(f"/api/v1/cards/0C{n:06X}/history").get_json() for n in range(ROUNDS)]
    assert {(h["deposit_fen"], tuple(e["kind"] for e in h["events"])) for h in histories} == {(2000, ("issued",))}
    with database.unit_of_work() as session:
        assert verify_ledger(session).ok  # one deposit held per card, none taken twice


def test_a_card_replaced_at_two_desks_at_once_is_replaced_once(app, make, database):
    desks = one_terminal(app, make, 2)
    for n in range(ROUNDS):
        old = make.card(make.resident(born=date(1950, 1, 1)), uid=f"0D{n:06X}")
        responses = race(database, [lambda d=d, k=k: d.post(f"/api/v1/cards/{old}/replace", {"new_uid": f"0E{n:04X}{k:02X}"})
                                    for k, d in enumerate(desks)])
        assert statuses(responses) == [(201, None), (409, "card_replaced")]


def test_one_qr_code_scanned_at_two_counters_at_once_is_accepted_once(app, make, database):
    counters = one_terminal(app, make, 2)
    for n in range(ROUNDS):
        resident = make.resident(born=date(1950, 1, 1))
        code = dynamic_payload(resident, give_pass(database, resident), utc_now())
        responses = race(database, [lambda c=c: c.post("/api/v1/credentials/present", {"credential": {"qr": code}})
                                    for c in counters])
        assert statuses(responses) == [(200, None), (403, "qr_reused")], [r.get_json() for r in responses]
