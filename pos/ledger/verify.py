"""Check every ledger invariant; used by `canteen ledger verify` and the API."""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from pos.ledger.models import CREDIT_NORMAL, Account, LedgerEntry, LedgerTransaction


@dataclass
class Verification:
    """What was checked and every violation found."""

    checked: dict[str, int] = field(default_factory=dict)
    violations: list[str] = field(default_factory=list)
    chain_head: dict | None = None  # the last link's seq and hash, when the chain was recomputed

    @property
    def ok(self) -> bool:
        return not self.violations

    def as_json(self) -> dict:
        found = {"ok": self.ok, "checked": self.checked, "violations": self.violations}
        return found if self.chain_head is None else {**found, "chain_head": self.chain_head}


def check_transactions_balance(session: Session, result: Verification) -> None:
    """Each transaction's entries sum to zero, and it has entries."""
    sums = session.execute(
        select(LedgerTransaction.id, func.coalesce(func.sum(LedgerEntry.amount_fen), 0), func.count(LedgerEntry.id))
        .outerjoin(LedgerEntry).group_by(LedgerTransaction.id)).all()
    result.checked["transactions"] = len(sums)
    for txn_id, total, count in sums:
        if total != 0 or count == 0:
            result.violations.append(f"transaction {txn_id}: entries sum to {total} fen over {count} entries")


def check_cached_balances(session: Session, result: Verification) -> None:
    """Each account's cached balance equals its entries."""
    entry = aliased(LedgerEntry)
    rows = session.execute(
        select(Account.id, Account.code, Account.kind, Account.balance_fen,
               func.coalesce(func.sum(entry.amount_fen), 0))
        .outerjoin(entry, entry.account_id == Account.id).group_by(Account.id)).all()
    result.checked["accounts"] = len(rows)
    for _id, code, kind, cached, total in rows:
        derived = -total if kind in CREDIT_NORMAL else total
        if cached != derived:
            result.violations.append(f"account {code}: cached balance {cached} fen, entries give {derived} fen")


def check_wallets_not_negative(session: Session, result: Verification) -> None:
    """No wallet below zero."""
    rows = session.execute(select(Account.code, Account.balance_fen)
                           .where(Account.kind == "wallet", Account.balance_fen < 0)).all()
    result.checked["wallets"] = session.scalars(select(func.count()).where(Account.kind == "wallet")).one()
    for code, balance in rows:
        result.violations.append(f"account {code}: negative balance {balance} fen")


LEDGER_CHECKS = (check_transactions_balance, check_cached_balances, check_wallets_not_negative)
