"""Ledger checks that involve sales: subsidy lines match receivables; voids mirror sales."""
from __future__ import annotations

from collections import Counter, defaultdict

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pos.ledger.models import Account, LedgerEntry
from pos.ledger.verify import Verification
from pos.sales.models import Sale, SaleSubsidy, SaleVoid


def check_sale_subsidies(session: Session, result: Verification) -> None:
    """Each sale's subsidy lines, per funder, equal its receivable entries; its total equals its revenue."""
    lines: dict[int, Counter] = defaultdict(Counter)
    for sale_id, funder, fen in session.execute(
            select(SaleSubsidy.sale_id, SaleSubsidy.funder, func.sum(SaleSubsidy.amount_fen))
            .group_by(SaleSubsidy.sale_id, SaleSubsidy.funder)):
        lines[sale_id][funder] = fen
    booked: dict[int, Counter] = defaultdict(Counter)
    revenue: dict[int, int] = {}
    for sale_id, kind, account_funder, fen in session.execute(
            select(Sale.id, Account.kind, Account.funder, LedgerEntry.amount_fen)
            .join(LedgerEntry, LedgerEntry.transaction_id == Sale.transaction_id)
            .join(Account, Account.id == LedgerEntry.account_id)
            .where(Account.kind.in_(("subsidy_receivable", "meal_revenue")))):
        if kind == "meal_revenue":
            revenue[sale_id] = -fen
        else:
            booked[sale_id][account_funder] += fen
    sales = session.execute(select(Sale.id, Sale.receipt_no, Sale.total_fen, Sale.subsidy_fen)).all()
    result.checked["sales"] = len(sales)
    for sale_id, receipt, total, subsidy in sales:
        if +lines[sale_id] != +booked[sale_id] or sum(lines[sale_id].values()) != subsidy:
            result.violations.append(f"sale {receipt}: subsidy lines {dict(lines[sale_id])} "
                                     f"but receivable entries {dict(booked[sale_id])}")
        if revenue.get(sale_id, 0) != total:
            result.violations.append(f"sale {receipt}: total {total} fen but revenue {revenue.get(sale_id, 0)} fen")


def check_voids_mirror_sales(session: Session, result: Verification) -> None:
    """Each void's entries are exactly the sale's entries negated."""
    voids = session.execute(select(SaleVoid.sale_id, Sale.receipt_no).join(Sale, Sale.id == SaleVoid.sale_id)).all()
    result.checked["voids"] = len(voids)
    sale_entries = _entries_by_sale(session, Sale.transaction_id)
    void_entries = _entries_by_sale(session, SaleVoid.transaction_id)
    for sale_id, receipt in voids:
        mirrored = Counter({(account, -fen): n for (account, fen), n in sale_entries[sale_id].items()})
        if void_entries[sale_id] != mirrored:
            result.violations.append(f"sale {receipt}: its void does not mirror it")


def _entries_by_sale(session: Session, transaction_of) -> dict[int, Counter]:
    """(account, amount) entries of voided sales' own or void transactions, per sale: one query, not one per void."""
    rows = session.execute(select(SaleVoid.sale_id, LedgerEntry.account_id, LedgerEntry.amount_fen)
                           .join(Sale, Sale.id == SaleVoid.sale_id)
                           .join(LedgerEntry, LedgerEntry.transaction_id == transaction_of))
    entries: dict[int, Counter] = defaultdict(Counter)
    for sale_id, account, fen in rows:
        entries[sale_id][(account, fen)] += 1
    return entries


SALE_CHECKS = (check_sale_subsidies, check_voids_mirror_sales)
