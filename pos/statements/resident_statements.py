"""A resident's monthly wallet statement, read from the ledger: opening, movements, closing."""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

import receipts
from pos.clock import as_utc, utc_bounds
from pos.errors import NotFound
from pos.ledger.models import Account, LedgerEntry, LedgerTransaction
from pos.residents.masks import mask_name, mask_number
from pos.residents.models import Resident
from pos.sales.models import Sale, SaleVoid
from pos.statements.periods import Month

KINDS = {"top_up": receipts.EntryKind.TOPUP, "correction": receipts.EntryKind.TOPUP,
         "sale": receipts.EntryKind.MEAL, "void": receipts.EntryKind.REFUND, "refund": receipts.EntryKind.REFUND}
WORDS = {"top_up": "充值", "correction": "充值更正", "refund": "余额退款", "deposit": "押金",
         "deposit_refund": "押金退还"}


def wallet_balance_before(session: Session, account_id: int, moment: datetime) -> int:
    """The wallet as its holder sees it just before `moment` (minus the entries: credit-normal)."""
    total = session.scalar(select(func.coalesce(func.sum(LedgerEntry.amount_fen), 0))
                           .join(LedgerTransaction).where(LedgerEntry.account_id == account_id,
                                                          LedgerTransaction.created_at < moment))
    return -int(total or 0)


def _entry(session: Session, txn: LedgerTransaction, delta: int, balance: int, zone: str) -> receipts.StatementEntry:
    when = as_utc(txn.created_at).astimezone(ZoneInfo(zone))
    kind = KINDS.get(txn.kind, receipts.EntryKind.TOPUP if delta > 0 else receipts.EntryKind.MEAL)
    if txn.kind == "sale":
        sale = session.scalar(select(Sale).where(Sale.transaction_id == txn.id))
        if sale is not None:
            dishes = "、".join(line.name for line in sale.lines)[:30]
            return receipts.StatementEntry(when, kind, f"{sale.receipt_no} {dishes}", delta, balance,
                                           sale.total_fen, sale.subsidy_fen)
    if txn.kind == "void":
        receipt_no = session.scalar(select(Sale.receipt_no).join(SaleVoid, SaleVoid.sale_id == Sale.id)
                                    .where(SaleVoid.transaction_id == txn.id))
        return receipts.StatementEntry(when, kind, f"作废退回 {receipt_no or ''}", delta, balance)
    return receipts.StatementEntry(when, kind, WORDS.get(txn.kind, txn.kind), delta, balance)


def resident_statement(session: Session, resident_id: int, month: Month, canteen_name: str,
                       zone: str) -> receipts.ResidentStatement:
    """The month of one resident's wallet, each movement with the balance after it."""
    resident = session.get(Resident, resident_id)
    if resident is None:
        raise NotFound("no resident %(id)s", code="resident_not_found", id=resident_id)
    wallet = session.scalar(select(Account).where(Account.resident_id == resident_id))
    start, end = utc_bounds(month.first, month.next_first, zone)
    balance = opening = wallet_balance_before(session, wallet.id, start) if wallet else 0
    entries = []
    if wallet is not None:
        rows = session.execute(select(LedgerTransaction, LedgerEntry.amount_fen).join(LedgerEntry)
                               .where(LedgerEntry.account_id == wallet.id, LedgerTransaction.created_at >= start,
                                      LedgerTransaction.created_at < end).order_by(LedgerEntry.id)).all()
        for txn, amount in rows:
            balance -= amount
            entries.append(_entry(session, txn, -amount, balance, zone))
    return receipts.ResidentStatement(canteen_name, mask_name(resident.name), mask_number(resident.id_number),
                                      month.first, month.last, opening, tuple(entries), balance)


def residents_with_wallets(session: Session, month: Month, zone: str) -> list[tuple[int, str]]:
    """(id, name) of residents whose wallet moved before the month ended: the ones to send a statement."""
    _start, end = utc_bounds(month.first, month.next_first, zone)
    rows = session.execute(
        select(Resident.id, Resident.name).join(Account, Account.resident_id == Resident.id)
        .where(select(LedgerEntry.id).join(LedgerTransaction)
               .where(LedgerEntry.account_id == Account.id, LedgerTransaction.created_at < end).exists())
        .order_by(Resident.id)).all()
    return [(rid, name) for rid, name in rows]
