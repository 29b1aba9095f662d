"""A ledger transaction as a person reads it: its entries as debits and credits on named accounts."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from pos.errors import NotFound
from pos.ledger.models import Account, LedgerEntry, LedgerTransaction


@dataclass(frozen=True)
class EntryView:
    """One entry: the account (kind, and its funder or resident) and a debit or a credit in fen."""

    account_code: str
    account_kind: str
    funder: str | None
    resident_id: int | None
    amount_fen: int  # signed: + debit, - credit

    @property
    def debit_fen(self) -> int:
        return max(self.amount_fen, 0)

    @property
    def credit_fen(self) -> int:
        return max(-self.amount_fen, 0)


@dataclass(frozen=True)
class TransactionView:
    """A transaction with its entries, and the transactions it reverses or that reverse it."""

    id: int
    kind: str
    memo: str
    created_at: datetime
    created_by: int | None
    reverses_id: int | None
    reversed_by: tuple[int, ...]
    entries: tuple[EntryView, ...]

    @property
    def debits_fen(self) -> int:
        return sum(e.debit_fen for e in self.entries)

    @property
    def credits_fen(self) -> int:
        return sum(e.credit_fen for e in self.entries)


def transaction_view(session: Session, transaction_id: int) -> TransactionView:
    """One transaction and its entries in the order written; NotFound if there is none."""
    txn = session.get(LedgerTransaction, transaction_id)
    if txn is None:
        raise NotFound("no ledger transaction %(id)s", code="transaction_not_found", id=transaction_id)
    rows = session.execute(
        select(Account.code, Account.kind, Account.funder, Account.resident_id, LedgerEntry.amount_fen)
        .join(Account, Account.id == LedgerEntry.account_id)
        .where(LedgerEntry.transaction_id == transaction_id).order_by(LedgerEntry.id))
    reversed_by = tuple(session.scalars(select(LedgerTransaction.id).where(
        LedgerTransaction.reverses_id == transaction_id).order_by(LedgerTransaction.id)))
    return TransactionView(txn.id, txn.kind, txn.memo, txn.created_at, txn.created_by, txn.reverses_id, reversed_by,
                           tuple(EntryView(*row) for row in rows))
