"""A month's claim issued by two managers at the same moment: issued once, the other told so."""
from __future__ import annotations

from sqlalchemy import func, select

from pos.errors import Conflict
from pos.statements import services
from pos.statements.models import ClaimItem
from tests.support.races import ROUNDS, race


def issue_in_own_context(app, database, funder, month, now):
    """Issue as a request thread would: in an app context of its own; the claim or the refusal."""
    with app.app_context():
        try:
            return services.issue(database, app.extensions["canteen_config"], funder, month, None, now).claimed_fen
        except Conflict as refusal:
            return refusal.code


def test_a_claim_issued_twice_at_once_is_issued_once(app, month_of_sales, database):
    month, now = month_of_sales.month, month_of_sales.after()
    for funder in ["district", "street", *(f"town-{n}" for n in range(ROUNDS - 2))]:
        results = race(database, [lambda: issue_in_own_context(app, database, funder, month, now)] * 2)
        expected = {"district": 500, "street": 200}.get(funder, 0)
        assert sorted(results, key=str) == sorted([expected, "claim_issued"], key=str)
    with database.unit_of_work() as session:
        assert session.scalar(select(func.count()).select_from(ClaimItem)) == 3  # district 2 lines, street 1
