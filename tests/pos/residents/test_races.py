"""One resident registered at two desks at the same moment: registered once, the other desk told so."""
from datetime import date

from pos.residents.id_number import make_id_number
from tests.support.races import ROUNDS, one_terminal, race, statuses


def test_one_resident_registered_twice_at_once_is_registered_once(app, make, database):
    desks = one_terminal(app, make, 2, role="manager")
    for n in range(ROUNDS):
        body = {"name": "王淑珍", "id_number": make_id_number("141002", date(1948, 3, 8), 500 + n)}
        responses = race(database, [lambda d=d: d.post("/api/v1/residents", body) for d in desks])
        assert statuses(responses) == [(201, None), (409, "resident_exists")], [r.get_json() for r in responses]
