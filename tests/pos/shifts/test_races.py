"""A cashier's shift opened or closed twice at the same moment: once, and a clear 409 for the other; a sale racing
the close of its shift is either counted in it or refused, never taken outside it."""
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


def test_a_sale_racing_the_close_of_its_shift_is_counted_in_it_or_refused(app, make, database):
    till, other_screen = one_terminal(app, make, 2, same_person=True, shifts=False)
    dish = make.dish(price_fen=700)
    for n in range(ROUNDS):
        shift = till.post("/api/v1/shifts", {"opening_float_fen": 1000}).get_json()["shift"]["id"]
        sale, close = race(database, [
            lambda n=n: till.post("/api/v1/sales", {"idempotency_key": f"closing-race-{n}", "meal_period": "lunch",
                                                    "credential": {"walk_in": True}, "payment_method": "cash",
                                                    "items": [{"dish_id": dish, "qty": 1}]}),
            lambda shift=shift: other_screen.post(f"/api/v1/shifts/{shift}/close", {"counted_cash_fen": 1000})])
        assert statuses([sale]) in ([(201, None)], [(409, "shift_needed")])
        report = close.get_json()
        assert close.status_code == 200
        taken = 700 if sale.status_code == 201 else 0
        assert (report["cash_sales_fen"], report["expected_cash_fen"], report["difference_fen"]) == (
            taken, 1000 + taken, -taken)
