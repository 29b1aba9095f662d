"""A cashier's shift opened or closed twice at the same moment: once, and a clear 409 for the other."""
from tests.support.races import ROUNDS, one_terminal, race, statuses


def test_a_shift_opened_and_closed_at_two_terminals_at_once_happens_once(app, make, database):
    tills = one_terminal(app, make, 2, same_person=True, shifts=False)
    for _ in range(ROUNDS):
        opened = race(database, [lambda t=t: t.post("/api/v1/shifts", {"opening_float_fen": 20000}) for t in tills])
        assert statuses(opened) == [(201, None), (409, "shift_open")]
        shift = next(r for r in opened if r.status_code == 201).get_json()["shift"]["id"]
        closed = race(database, [lambda t=t: t.post(f"/api/v1/shifts/{shift}/close", {"counted_cash_fen": 20000})
                                 for t in tills])
        assert statuses(closed) == [(200, None), (409, "shift_closed")]
