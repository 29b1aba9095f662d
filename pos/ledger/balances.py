"""A wallet's balance at a point of its history, from the entries (the cached balance is only the latest)."""
from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pos.ledger.models import Account, LedgerEntry


def wallet_balance_after(session: Session, resident_id: int, transaction_id: int) -> int:
    """The resident's wallet balance right after one transaction: its entries up to and including it."""
    total = session.scalar(select(func.coalesce(func.sum(LedgerEntry.amount_fen), 0)).join(Account)
                           .where(Account.resident_id == resident_id, LedgerEntry.transaction_id <= transaction_id))
    return -int(total or 0)  # a wallet is owed to the resident: its entries are credits
