"""A resident's wallet as the back office shows it: the balance and the latest top-ups (with any correction)
and refunds, newest first, each read in SQL and limited."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from pos.errors import NotFound
from pos.ledger.models import Account
from pos.residents.records import get_resident
from pos.wallets.models import BalanceRefund, TopUp, TopUpCorrection, correction_number, refund_number, topup_number

RECENT = 10


@dataclass(frozen=True)
class TopUpRow:
    """One top-up, and its correction if it was put right."""

    id: int
    resident_id: int
    at: datetime
    amount_fen: int
    method: str
    reference: str
    correction_id: int | None
    correct_amount_fen: int | None
    correction_reason: str

    @property
    def receipt_no(self) -> str:
        return topup_number(self.id)

    @property
    def correction_no(self) -> str:
        return correction_number(self.correction_id) if self.correction_id else ""


@dataclass(frozen=True)
class RefundRow:
    """One refund of a leaver's balance."""

    id: int
    at: datetime
    amount_fen: int
    method: str
    reason: str

    @property
    def receipt_no(self) -> str:
        return refund_number(self.id)


@dataclass(frozen=True)
class WalletPanel:
    """The balance and the latest wallet records of one resident."""

    resident_id: int
    balance_fen: int
    top_ups: list[TopUpRow]
    refunds: list[RefundRow]


TOP_UP_COLUMNS = (TopUp.id, TopUp.resident_id, TopUp.created_at, TopUp.amount_fen, TopUp.method, TopUp.reference,
                  TopUpCorrection.id, TopUpCorrection.correct_amount_fen, TopUpCorrection.reason)


def _top_up_rows(session: Session, where, limit: int) -> list[TopUpRow]:
    rows = session.execute(select(*TOP_UP_COLUMNS).outerjoin(TopUpCorrection, TopUpCorrection.top_up_id == TopUp.id)
                           .where(where).order_by(TopUp.id.desc()).limit(limit)).all()
    return [TopUpRow(*row[:-1], row[-1] or "") for row in rows]


def wallet_panel(session: Session, resident_id: int, limit: int = RECENT) -> WalletPanel:
    """The resident's balance and latest `limit` top-ups and refunds, newest first (404 if no such resident)."""
    get_resident(session, resident_id)
    balance = session.scalar(select(Account.balance_fen).where(Account.resident_id == resident_id))
    refunds = session.execute(
        select(BalanceRefund.id, BalanceRefund.created_at, BalanceRefund.amount_fen, BalanceRefund.method,
               BalanceRefund.reason)
        .where(BalanceRefund.resident_id == resident_id).order_by(BalanceRefund.id.desc()).limit(limit)).all()
    return WalletPanel(resident_id, balance or 0, _top_up_rows(session, TopUp.resident_id == resident_id, limit),
                       [RefundRow(*r) for r in refunds])


def top_up_of(session: Session, top_up_id: int) -> TopUpRow:
    """One top-up with its correction, for the correction page."""
    found = _top_up_rows(session, TopUp.id == top_up_id, 1)
    if not found:
        raise NotFound("no top-up %(id)s", code="top_up_not_found", id=top_up_id)
    return found[0]
