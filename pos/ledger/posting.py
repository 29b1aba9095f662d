"""Writing a balanced transaction and keeping cached balances equal to the entries."""
from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from pos.db import insert_if_missing
from pos.errors import CanteenError
from receipts.money import format_fen

from pos.ledger.models import CREDIT_NORMAL, Account, LedgerEntry, LedgerTransaction


class InsufficientBalance(CanteenError):
    """The wallet does not hold enough; nothing is written."""

    status = 402
    code = "insufficient_balance"


def account(session: Session, code: str, kind: str, funder: str | None = None) -> Account:
    """The shared account with this code, created on first use."""
    query = select(Account).where(Account.code == code)
    found = session.scalars(query).one_or_none()
    if found is None:
        insert_if_missing(session, Account, code=code, kind=kind, funder=funder, balance_fen=0)
        found = session.scalars(query).one()
    return found


def wallet_of(session: Session, resident_id: int, lock: bool = False) -> Account:
    """The resident's wallet account; `lock` holds it until commit so spends queue (PostgreSQL)."""
    query = select(Account).where(Account.resident_id == resident_id)
    query = query.with_for_update().execution_options(populate_existing=True) if lock else query
    found = session.scalars(query).one_or_none()
    if found is None:
        insert_if_missing(session, Account, code=f"wallet:{resident_id}", kind="wallet", resident_id=resident_id,
                          balance_fen=0)
        found = session.scalars(query).one()
    return found


def post(session: Session, kind: str, legs: list[tuple[Account, int]], memo: str = "",
         reverses_id: int | None = None, created_by: int | None = None) -> LedgerTransaction:
    """Write one transaction from (account, signed amount) legs that must sum to zero."""
    legs = [(acct, amount) for acct, amount in legs if amount != 0]
    assert sum(a for _, a in legs) == 0, f"unbalanced {kind}: {legs}"
    txn = LedgerTransaction(kind=kind, memo=memo, reverses_id=reverses_id, created_by=created_by)
    session.add(txn)
    session.flush()
    per_account: dict[int, int] = defaultdict(int)
    for acct, amount in legs:
        session.add(LedgerEntry(transaction_id=txn.id, account_id=acct.id, amount_fen=amount))
        per_account[acct.id] += amount
    for acct, _ in legs:
        if acct.id in per_account:
            move_balance(session, acct, per_account.pop(acct.id))
    session.flush()
    return txn


def move_balance(session: Session, acct: Account, entry_sum: int) -> None:
    """Change the cached balance in SQL, so concurrent writers never lose an update."""
    delta = -entry_sum if acct.kind in CREDIT_NORMAL else entry_sum
    if acct.kind == "wallet" and acct.balance_fen + delta < 0:
        raise InsufficientBalance("not enough balance: %(balance)s yuan left, %(needed)s yuan needed",
                                  balance=format_fen(acct.balance_fen), needed=format_fen(-delta))
    table = Account.__table__  # Core, not the ORM's bulk-update path: this runs on every sale
    new = session.execute(update(table).where(table.c.id == acct.id)
                          .values(balance_fen=table.c.balance_fen + delta)
                          .returning(table.c.balance_fen)).scalar_one()
    set_committed_value(acct, "balance_fen", new)
