"""Random sequences of top-ups, sales, voids, corrections and refunds keep every ledger invariant."""
from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError, StatementError

from pos.audit import Actor
from pos.auth.models import User
from pos.canteens.services import main_canteen
from pos.config import DEFAULT_HOURS, parse_hours
from pos.errors import CanteenError
from pos.integrity.verify import verify_ledger
from pos.ledger.models import LedgerEntry
from pos.ledger.posting import account, post, wallet_of
from pos.sales.models import Sale, SaleVoid
from pos.sales.orders import read_order
from pos.sales.quoting import quote_order
from pos.sales.settle import record_sale
from pos.sales.voiding import void_sale
from pos.wallets.models import TopUp
from pos.wallets.operations import add_top_up, correct_top_up, refund_balance

HOURS = parse_hours(DEFAULT_HOURS)
NOON = datetime(2026, 11, 27, 4, 0, tzinfo=timezone.utc)  # 12:00 in Shanghai

steps = st.lists(st.one_of(
    st.tuples(st.just("top_up"), st.integers(0, 2), st.integers(1, 5000)),
    st.tuples(st.just("sale"), st.integers(0, 2), st.integers(1, 3)),
    st.tuples(st.just("void"), st.integers(0, 20)),
    st.tuples(st.just("correct"), st.integers(0, 20), st.integers(0, 5000)),
    st.tuples(st.just("refund"), st.integers(0, 2)),
), min_size=1, max_size=25)


@pytest.fixture
def world(make, database):
    """A canteen, three residents with cards of their own, two dishes, a manager."""
    make.canteen()
    people = [make.resident(born=date(1930 + 15 * i, 1, 1), categories=("dibao",) if i == 0 else (), balance_fen=5000)
              for i in range(3)]
    cards = [make.card(r, uid=f"0000000{i + 1}") for i, r in enumerate(people)]
    dishes = [make.dish(price_fen=1200), make.dish("米饭", 150, "staple")]
    make.user("boss", "manager")
    return people, cards, dishes


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=steps)
def test_any_sequence_keeps_the_ledger_whole(world, database, steps):
    people, cards, dishes = world
    for n, step in enumerate(steps):
        try:
            with database.unit_of_work() as session:
                apply(session, step, people, cards, dishes, NOON + timedelta(minutes=n))
        except CanteenError:
            pass  # a refusal must write nothing: the checks below prove it
    with database.unit_of_work() as session:
        result = verify_ledger(session)
        assert result.violations == []
        assert all(wallet_of(session, r).balance_fen >= 0 for r in people)


def apply(session, step, people, cards, dishes, now):
    """Carry out one random step through the same operations the services use."""
    kind = step[0]
    boss = session.scalar(select(User).where(User.username == "boss"))
    if kind == "top_up":
        add_top_up(session, people[step[1]], step[2], "cash", Actor(staff_id=boss.id))
    elif kind == "sale":
        order = read_order({"credential": {"card_uid": cards[step[1]]},
                            "items": [{"dish_id": dishes[0], "qty": step[2]}, {"dish_id": dishes[1], "qty": 1}]})
        canteen = main_canteen(session)
        quote = quote_order(session, order, canteen, "Asia/Shanghai", None, now, lock=True)
        record_sale(session, quote, canteen, None, None, "wallet")
    elif kind == "void":
        sale_ids = session.scalars(select(Sale.id).order_by(Sale.id)).all()
        if sale_ids:
            void_sale(session, sale_ids[step[1] % len(sale_ids)], "test", boss, now)
    elif kind == "correct":
        top_ups = session.scalars(select(TopUp.id).order_by(TopUp.id)).all()
        if top_ups:
            correct_top_up(session, top_ups[step[1] % len(top_ups)], step[2], "keyed wrong", Actor(staff_id=boss.id))
    elif kind == "refund":
        refund_balance(session, people[step[1]], "cash", "moved away", Actor(staff_id=boss.id))


def test_the_database_refuses_to_edit_the_ledger(make, database):
    resident = make.resident(balance_fen=1000)
    with pytest.raises((IntegrityError, StatementError, Exception)) as exc:  # each driver words it its own way
        with database.unit_of_work() as session:
            session.execute(update(LedgerEntry).values(amount_fen=1))
    assert "append-only" in str(exc.value)
    with database.unit_of_work() as session:
        assert wallet_of(session, resident).balance_fen == 1000


def test_an_account_made_in_a_rolled_back_transaction_is_made_again(make, database):
    with pytest.raises(RuntimeError), database.unit_of_work() as session:
        account(session, "receivable:town", "subsidy_receivable", "town")
        raise RuntimeError("the sale failed after the account was made")
    with database.unit_of_work() as session:
        made = account(session, "receivable:town", "subsidy_receivable", "town")
    with database.unit_of_work() as session:
        assert account(session, "receivable:town", "subsidy_receivable", "town") == made


def test_a_void_that_does_not_mirror_its_sale_is_reported(world, database):
    people, cards, dishes = world
    with database.unit_of_work() as session:
        apply(session, ("sale", 0, 1), people, cards, dishes, NOON)
        sale = session.scalars(select(Sale)).one()
        entries = session.scalars(select(LedgerEntry).where(LedgerEntry.transaction_id == sale.transaction_id)).all()
        wallet = next(e.account for e in entries if e.account.kind == "wallet")
        revenue = next(e.account for e in entries if e.account.kind == "meal_revenue")
        wrong = post(session, "void", [(wallet, -sale.paid_fen), (revenue, sale.paid_fen)], memo="subsidy forgotten")
        session.add(SaleVoid(sale_id=sale.id, reason="test", voided_at=NOON, transaction_id=wrong.id))
    with database.unit_of_work() as session:
        result = verify_ledger(session)
    assert result.checked["voids"] == 1
    assert f"sale {sale.receipt_no}: its void does not mirror it" in result.violations
