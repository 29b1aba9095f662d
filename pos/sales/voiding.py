"""Voiding a sale: a compensating transaction that mirrors the sale's entries exactly."""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from pos.audit import Actor
from pos.audit import record as audit
from pos.auth.models import User
from pos.clock import as_utc
from pos.errors import Conflict, Forbidden, InvalidInput, NotFound
from pos.ledger.models import LedgerEntry
from pos.ledger.posting import post, wallet_of
from pos.sales.models import Sale, SaleVoid
from pos.servicerecords.writing import void_service

CASHIER_UNDO_WINDOW = timedelta(minutes=2)


def void_sale(session: Session, sale_id: int, reason: str, user: User, now: datetime,
              terminal_id: int | None = None) -> Sale:
    """Reverse a sale: wallet, revenue and subsidy receivable; the reason is required."""
    # The sale's row is the lock: a second void of the same sale (walk-ins have no wallet to queue on)
    # waits here and then finds the first one's SaleVoid.
    sale = session.get(Sale, sale_id, with_for_update=True, populate_existing=True)
    if sale is None:
        raise NotFound("no sale %(id)s", code="sale_not_found", id=sale_id)
    if not reason.strip():
        raise InvalidInput("is required", field="reason")
    if not may_void(sale, user, now):
        raise Forbidden("only a manager may void this sale (a cashier may undo their own within 2 minutes)")
    if sale.resident_id is not None:
        wallet_of(session, sale.resident_id, lock=True)  # the balance after is read under the wallet's lock
    if session.scalar(select(SaleVoid.id).where(SaleVoid.sale_id == sale.id)) is not None:
        raise Conflict("sale %(receipt)s is already voided", code="already_voided", receipt=sale.receipt_no)
    entries = session.scalars(select(LedgerEntry).where(LedgerEntry.transaction_id == sale.transaction_id)
                              .order_by(LedgerEntry.id)).all()
    txn = post(session, "void", [(e.account, -e.amount_fen) for e in entries], memo=reason.strip(),
               reverses_id=sale.transaction_id, created_by=user.id)
    session.add(SaleVoid(sale_id=sale.id, reason=reason.strip(), voided_by=user.id, voided_at=now,
                         transaction_id=txn.id))
    void_service(session, sale.id, now)
    audit(session, Actor(user.id, terminal_id), "sale.voided", "sale", sale.id, before={"voided": False},
          after={"voided": True}, note=reason.strip(), transaction_id=txn.id, at=now)
    session.flush()
    return sale


def may_void(sale: Sale, user: User, now: datetime) -> bool:
    """Managers always; the cashier who rang it up, within two minutes."""
    if user.has_role("manager"):
        return True
    return sale.cashier_id == user.id and now - as_utc(sale.sold_at) <= CASHIER_UNDO_WINDOW
