"""Sixteen cashiers selling and topping up at the same moment still make one chain: a link per record, each naming
the one before, none forked. On PostgreSQL every write transaction is held until all sixteen have begun."""
from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from pos.ledger.chain_verify import verify_chain
from pos.ledger.models import ChainLink, LedgerTransaction
from pos.servicerecords.models import ServiceRecord
from tests.conftest import Api
from tests.support.races import at_once, race

CASHIERS = 16


def test_sixteen_cashiers_at_once_make_one_chain(app, make, database):
    make.canteen()
    tills = [Api(app.test_client(), make.terminal()).sign_in(make, username=f"cashier-{i}").open_shift()
             for i in range(CASHIERS)]
    residents = [make.resident(born=date(1960, 5, 5), balance_fen=10_000) for _ in range(CASHIERS)]
    cards = [make.card(r, uid=f"0C{n:06X}") for n, r in enumerate(residents)]
    dish = make.dish(price_fen=900)

    def sell(n: int, k: int):
        credential = {"card_uid": cards[n]} if n % 2 else {"walk_in": True}
        body = {"idempotency_key": f"chain-{n}-{k}", "credential": credential, "items": [{"dish_id": dish, "qty": 1}],
                "meal_period": "lunch", **({} if n % 2 else {"payment_method": "cash"})}
        return tills[n].post("/api/v1/sales", body).status_code

    def top_up(n: int, k: int):
        return tills[n].post(f"/api/v1/residents/{residents[n]}/topups",
                             {"amount_fen": 100, "method": "cash", "idempotency_key": f"chain-top-{n}-{k}"}).status_code

    first = race(database, [lambda n=n: sell(n, 0) for n in range(CASHIERS)])
    rest = at_once([lambda n=n: [sell(n, 1), top_up(n, 1), sell(n, 2)] for n in range(CASHIERS)])
    assert first == [201] * CASHIERS and rest == [[201, 201, 201]] * CASHIERS

    with database.reader() as session:
        report = verify_chain(session)
        links = session.scalar(select(func.count()).select_from(ChainLink))
        forks = session.scalar(select(func.count(func.distinct(ChainLink.prev_hash))))
        last = session.scalar(select(func.max(ChainLink.seq)))
        transactions = session.scalar(select(func.count()).select_from(LedgerTransaction))
        records = session.scalar(select(func.count()).select_from(ServiceRecord))
    assert report.findings == [] and report.ok
    assert records == 3 * CASHIERS and transactions == CASHIERS + 4 * CASHIERS  # top-ups at making, then the day
    assert links == transactions + records == forks == last
