"""Accounts, transactions and entries. Rows are only ever added, never changed.

Entries are signed debits (+) and credits (-) and each transaction sums to
zero. An account's ``balance_fen`` caches its balance as its holder sees it:
for credit-normal accounts (wallets, revenue, deposits held) that is minus
the sum of entries, so a wallet with 50 yuan in it shows 5000.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, Index, String, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pos.clock import utc_now
from pos.db import Base

ACCOUNT_KINDS = ("wallet", "cash", "bank", "wechat", "alipay", "meal_revenue", "subsidy_receivable",
                 "card_deposit")
CREDIT_NORMAL = frozenset({"wallet", "meal_revenue", "card_deposit"})
TRANSACTION_KINDS = ("top_up", "sale", "void", "refund", "correction", "deposit", "deposit_refund")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Account(Base):
    """A ledger account: a resident's wallet, a clearing account, revenue, a receivable."""

    __tablename__ = "ledger_account"
    __table_args__ = (
        CheckConstraint(_in("kind", ACCOUNT_KINDS), name="kind"),
        CheckConstraint("kind <> 'wallet' OR balance_fen >= 0", name="wallet_not_negative"),
        CheckConstraint("(kind = 'wallet') = (resident_id IS NOT NULL)", name="wallet_has_resident"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(24))
    resident_id: Mapped[int | None] = mapped_column(ForeignKey("resident.id"), unique=True)
    funder: Mapped[str | None] = mapped_column(String(40))
    balance_fen: Mapped[int] = mapped_column(default=0)

    @property
    def sign(self) -> int:
        """+1 for debit-normal accounts, -1 for credit-normal ones."""
        return -1 if self.kind in CREDIT_NORMAL else 1


class LedgerTransaction(Base):
    """A set of entries that sum to zero, written with its business record."""

    __tablename__ = "ledger_transaction"
    __table_args__ = (CheckConstraint(_in("kind", TRANSACTION_KINDS), name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(24))
    memo: Mapped[str] = mapped_column(String(200), default="")
    # A void or correction names the transaction it compensates.
    reverses_id: Mapped[int | None] = mapped_column(ForeignKey("ledger_transaction.id"), index=True)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now, server_default=func.now())

    entries: Mapped[list[LedgerEntry]] = relationship(back_populates="transaction", order_by="LedgerEntry.id")


class LedgerEntry(Base):
    """One signed amount on one account."""

    __tablename__ = "ledger_entry"
    __table_args__ = (CheckConstraint("amount_fen <> 0", name="amount_not_zero"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    transaction_id: Mapped[int] = mapped_column(ForeignKey("ledger_transaction.id"), index=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("ledger_account.id"), index=True)
    amount_fen: Mapped[int]

    transaction: Mapped[LedgerTransaction] = relationship(back_populates="entries")
    account: Mapped[Account] = relationship()


class ChainLink(Base):
    """One link of the hash chain over every ledger transaction and service record (pos/ledger/chain.py).

    Append-only like the ledger. One chain: a link's seq follows the last by one, and no two links share a
    previous hash; one link per record and kind.
    """

    __tablename__ = "chain_link"
    __table_args__ = (
        CheckConstraint(_in("kind", ("ledger_transaction", "service_record", "service_void")), name="kind"),
        UniqueConstraint("kind", "record_id"),
        UniqueConstraint("prev_hash"),
        Index("ix_chain_link_created_at_seq", "created_at", "seq"),
    )

    seq: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    kind: Mapped[str] = mapped_column(String(24))
    record_id: Mapped[int]
    content_hash: Mapped[str] = mapped_column(String(64))
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
