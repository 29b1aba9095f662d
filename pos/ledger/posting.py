"""Writing a balanced transaction and keeping cached balances equal to the entries."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol
from weakref import WeakKeyDictionary

from sqlalchemy import Engine, case, insert, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from pos.db import insert_if_missing
from pos.errors import CanteenError
from pos.ledger.chain import chain_later
from pos.ledger.chain_hash import LEDGER_TRANSACTION
from pos.ledger.models import CREDIT_NORMAL, Account, LedgerEntry, LedgerTransaction
from vocabulary.money import format_fen


class InsufficientBalance(CanteenError):
    """The wallet does not hold enough; nothing is written."""

    status = 402
    code = "insufficient_balance"


class AccountLike(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def kind(self) -> str: ...


@dataclass(frozen=True)
class SharedAccount:
    """A clearing, revenue, receivable or deposit account: only its id and kind are needed to post."""

    id: int
    kind: str


# Shared accounts are made once and never removed, so their ids are remembered per database.
_shared: WeakKeyDictionary[Engine, dict[str, SharedAccount]] = WeakKeyDictionary()


def account(session: Session, code: str, kind: str, funder: str | None = None) -> SharedAccount:
    """The shared account with this code, created on first use."""
    known = _shared.setdefault(session.get_bind().engine, {})
    if code in known:
        return known[code]
    query = select(Account.id, Account.kind).where(Account.code == code)
    row = session.execute(query).one_or_none()
    if row is None:
        # Made in this transaction, which may yet roll back: not remembered until seen committed.
        insert_if_missing(session, Account, code=code, kind=kind, funder=funder, balance_fen=0)
        row = session.execute(query).one()
        return SharedAccount(row.id, row.kind)
    known[code] = SharedAccount(row.id, row.kind)
    return known[code]


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


def post(session: Session, kind: str, legs: Sequence[tuple[AccountLike, int]], memo: str = "",
         reverses_id: int | None = None, created_by: int | None = None) -> LedgerTransaction:
    """Write one transaction from (account, signed amount) legs that must sum to zero."""
    legs = [(acct, amount) for acct, amount in legs if amount != 0]
    assert sum(a for _, a in legs) == 0, f"unbalanced {kind}: {legs}"
    check_wallets(legs)
    txn = LedgerTransaction(kind=kind, memo=memo, reverses_id=reverses_id, created_by=created_by)
    session.add(txn)
    session.flush()
    session.execute(insert(LedgerEntry.__table__), [
        {"transaction_id": txn.id, "account_id": acct.id, "amount_fen": amount} for acct, amount in legs])
    move_balances(session, legs)
    chain_later(session, LEDGER_TRANSACTION, txn.id)
    return txn


def check_wallets(legs: list[tuple[AccountLike, int]]) -> None:
    """Refuse before writing anything when a wallet would go below zero."""
    for acct, amount in legs:
        if isinstance(acct, Account) and acct.kind == "wallet" and acct.balance_fen - amount < 0:
            raise InsufficientBalance("not enough balance: %(balance)s yuan left, %(needed)s yuan needed",
                                      balance=format_fen(acct.balance_fen), needed=format_fen(amount))


def move_balances(session: Session, legs: list[tuple[AccountLike, int]]) -> None:
    """Change the cached balances in one SQL statement, so concurrent writers never lose an update."""
    deltas: dict[int, int] = defaultdict(int)
    for acct, amount in legs:
        deltas[acct.id] += -amount if acct.kind in CREDIT_NORMAL else amount
    table = Account.__table__  # Core, not the ORM's bulk-update path: this runs on every sale
    rows = session.execute(update(table).where(table.c.id.in_(deltas))
                           .values(balance_fen=table.c.balance_fen + case(deltas, value=table.c.id))
                           .returning(table.c.id, table.c.balance_fen)).all()
    balances: dict[int, int] = dict(rows)
    for acct, _ in legs:
        if isinstance(acct, Account):
            set_committed_value(acct, "balance_fen", balances[acct.id])
