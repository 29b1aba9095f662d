"""Money into and out of wallets: top-up, refund on leaving, correction of a wrong top-up."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from pos.audit import SYSTEM, Actor
from pos.audit import record as audit
from pos.errors import Conflict, InvalidInput, NotFound
from pos.ledger.posting import account, post, wallet_of
from pos.residents.records import get_resident
from pos.wallets.models import BalanceRefund, TopUp, TopUpCorrection
from vocabulary import TOP_UP_METHODS

MAX_TOP_UP_FEN = 500_000  # 5,000 yuan: more is almost always a typed extra zero


@dataclass(frozen=True)
class WalletChange:
    """The outcome of a wallet operation."""

    record_id: int
    transaction_id: int
    balance_fen: int

    def as_json(self) -> dict:
        return {"id": self.record_id, "transaction_id": self.transaction_id, "balance_fen": self.balance_fen}


def clearing_account(session: Session, method: str):
    """The clearing account for a payment method (cash drawer, bank, WeChat Pay, Alipay)."""
    if method not in TOP_UP_METHODS:
        raise InvalidInput("must be one of %(choices)s", field="method", choices=", ".join(TOP_UP_METHODS))
    return account(session, method, method)


def add_top_up(session: Session, resident_id: int, amount_fen: int, method: str, actor: Actor = SYSTEM) -> WalletChange:
    """Put money into a resident's wallet."""
    if isinstance(amount_fen, bool) or not isinstance(amount_fen, int) or not 0 < amount_fen <= MAX_TOP_UP_FEN:
        raise InvalidInput("must be a whole number of fen from 1 to %(max)s", field="amount_fen", max=MAX_TOP_UP_FEN)
    get_resident(session, resident_id)
    clearing = clearing_account(session, method)
    wallet = wallet_of(session, resident_id, lock=True)
    txn = post(session, "top_up", [(clearing, amount_fen), (wallet, -amount_fen)], memo=method,
               created_by=actor.staff_id)
    top_up = TopUp(resident_id=resident_id, amount_fen=amount_fen, method=method, transaction_id=txn.id,
                   created_by=actor.staff_id)
    session.add(top_up)
    session.flush()
    audit(session, actor, "wallet.top_up", "resident", resident_id, after={"amount_fen": amount_fen, "method": method,
          "top_up_id": top_up.id, "balance_fen": wallet.balance_fen}, transaction_id=txn.id)
    return WalletChange(top_up.id, txn.id, wallet.balance_fen)


def refund_balance(session: Session, resident_id: int, method: str, reason: str,
                   actor: Actor = SYSTEM) -> WalletChange:
    """Pay a leaving resident their whole balance."""
    if not reason.strip():
        raise InvalidInput("is required", field="reason")
    clearing = clearing_account(session, method)
    get_resident(session, resident_id)
    wallet = wallet_of(session, resident_id, lock=True)
    amount = wallet.balance_fen
    if amount == 0:
        raise Conflict("the wallet is empty; there is nothing to refund", code="nothing_to_refund")
    txn = post(session, "refund", [(wallet, amount), (clearing, -amount)], memo=reason.strip(),
               created_by=actor.staff_id)
    refund = BalanceRefund(resident_id=resident_id, amount_fen=amount, method=method, reason=reason.strip(),
                           transaction_id=txn.id, created_by=actor.staff_id)
    session.add(refund)
    session.flush()
    audit(session, actor, "wallet.refund", "resident", resident_id, before={"balance_fen": amount},
          after={"balance_fen": wallet.balance_fen, "method": method}, note=reason.strip(), transaction_id=txn.id)
    return WalletChange(refund.id, txn.id, wallet.balance_fen)


def correct_top_up(session: Session, top_up_id: int, correct_amount_fen: int, reason: str,
                   actor: Actor = SYSTEM) -> WalletChange:
    """Put right a top-up keyed in wrongly, by a compensating transaction for the difference."""
    # The top-up's row is the lock, so two corrections of one top-up at once cannot both pass the check below.
    top_up = session.get(TopUp, top_up_id, with_for_update=True, populate_existing=True)
    if top_up is None:
        raise NotFound("no top-up %(id)s", code="top_up_not_found", id=top_up_id)
    if not reason.strip():
        raise InvalidInput("is required", field="reason")
    if isinstance(correct_amount_fen, bool) or not isinstance(correct_amount_fen, int) or correct_amount_fen < 0:
        raise InvalidInput("must be a whole number of fen, 0 or more", field="correct_amount_fen")
    if session.scalar(select(TopUpCorrection.id).where(TopUpCorrection.top_up_id == top_up_id)) is not None:
        raise Conflict("this top-up was already corrected", code="already_corrected")
    excess = top_up.amount_fen - correct_amount_fen
    if excess == 0:
        raise InvalidInput("is the amount already recorded", field="correct_amount_fen")
    wallet = wallet_of(session, top_up.resident_id, lock=True)
    clearing = clearing_account(session, top_up.method)
    txn = post(session, "correction", [(wallet, excess), (clearing, -excess)], memo=reason.strip(),
               reverses_id=top_up.transaction_id, created_by=actor.staff_id)
    correction = TopUpCorrection(top_up_id=top_up_id, correct_amount_fen=correct_amount_fen, reason=reason.strip(),
                                 transaction_id=txn.id, created_by=actor.staff_id)
    session.add(correction)
    session.flush()
    audit(session, actor, "wallet.correction", "top_up", top_up_id, before={"amount_fen": top_up.amount_fen},
          after={"amount_fen": correct_amount_fen}, note=reason.strip(), transaction_id=txn.id)
    return WalletChange(correction.id, txn.id, wallet.balance_fen)
