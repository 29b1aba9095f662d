"""Money into and out of wallets: top-up, refund on leaving, correction of a wrong top-up."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from pos.audit import SYSTEM, Actor
from pos.audit import record as audit
from pos.errors import N_, Conflict, InvalidInput, NotFound, amount_in_range
from pos.input_text import checked_text, column_length
from pos.ledger.posting import account, post, wallet_of
from pos.residents.records import get_resident
from pos.wallets.models import BalanceRefund, TopUp, TopUpCorrection, topup_number
from vocabulary import TOP_UP_METHODS, format_yuan

MIN_TOP_UP_FEN = 1
MAX_TOP_UP_FEN = 500_000  # 5,000 yuan: more is almost always a typed extra zero
NOT_A_METHOD = N_("must be cash, WeChat Pay, Alipay or bank transfer")
NEEDS_REFERENCE = N_("is required for WeChat Pay, Alipay and bank transfers")
SAME_REFERENCE = N_("was already recorded with this payment method on top-up %(receipt)s of %(amount)s; "
                    "the same payment cannot be entered twice")


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
        raise InvalidInput(NOT_A_METHOD, field="method")
    return account(session, method, method)


def checked_amount(amount_fen: object, field: str, low: int = MIN_TOP_UP_FEN) -> int:
    """An amount of fen from `low` (0.01 yuan, or 0 for a correction) to the top-up limit, or a refusal in yuan."""
    return amount_in_range(amount_fen, field, low, MAX_TOP_UP_FEN)


def checked_reference(session: Session, method: str, reference: str) -> str:
    """The payment's reference: required unless cash, plain text of its column's length, and not one already
    recorded for the same method (the same payment keyed twice)."""
    reference = checked_text(reference.strip(), column_length(TopUp.reference), field="reference")
    if not reference:
        if method != "cash":
            raise InvalidInput(NEEDS_REFERENCE, field="reference")
        return reference
    earlier = session.scalars(select(TopUp).where(TopUp.method == method, TopUp.reference == reference)).first()
    if earlier is not None:
        raise same_payment(earlier)
    return reference


def same_payment(earlier: TopUp) -> Conflict:
    """The refusal of a payment recorded before, naming the top-up that recorded it."""
    return Conflict(SAME_REFERENCE, code="duplicate_reference", field="reference",
                    receipt=topup_number(earlier.id), amount=format_yuan(earlier.amount_fen))


def add_top_up(session: Session, resident_id: int, amount_fen: int, method: str, actor: Actor = SYSTEM,
               reference: str = "") -> WalletChange:
    """Put money into a resident's wallet; a non-cash top-up carries its payment's reference number."""
    checked_amount(amount_fen, "amount_fen")
    get_resident(session, resident_id)
    clearing = clearing_account(session, method)
    reference = checked_reference(session, method, reference)
    wallet = wallet_of(session, resident_id, lock=True)
    txn = post(session, "top_up", [(clearing, amount_fen), (wallet, -amount_fen)],
               memo=f"{method} {reference}".strip(), created_by=actor.staff_id)
    top_up = TopUp(resident_id=resident_id, amount_fen=amount_fen, method=method, reference=reference,
                   transaction_id=txn.id, created_by=actor.staff_id)
    try:
        with session.begin_nested():  # the same payment keyed at the same moment at another desk
            session.add(top_up)
            session.flush()
    except IntegrityError:
        raise same_payment(session.scalars(select(TopUp).where(
            TopUp.method == method, TopUp.reference == reference)).one()) from None
    audit(session, actor, "wallet.top_up", "resident", resident_id, after={"amount_fen": amount_fen, "method": method,
          "reference": reference, "top_up_id": top_up.id, "balance_fen": wallet.balance_fen}, transaction_id=txn.id)
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
    checked_amount(correct_amount_fen, "correct_amount_fen", low=0)
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
