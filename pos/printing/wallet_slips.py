"""The slips of a top-up's correction and of a leaver's refund, read back from the database."""
from __future__ import annotations

from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

import receipts
from pos.clock import as_utc
from pos.errors import NotFound
from pos.ledger.balances import wallet_balance_after
from pos.printing.receipt_data import cashier_name
from pos.residents.masks import mask_name, mask_number
from pos.residents.models import Resident
from pos.wallets.models import BalanceRefund, TopUp, TopUpCorrection, correction_number, refund_number, topup_number
from vocabulary import PaymentMethod, format_fen


def correction_slip(session: Session, correction_id: int, zone: str, canteen_name: str,
                    footer: str = "") -> receipts.WalletSlip:
    """The slip of a corrected top-up: what was recorded, what it should have been, the difference."""
    correction = session.get(TopUpCorrection, correction_id)
    if correction is None:
        raise NotFound("no top-up correction %(id)s", code="correction_not_found", id=correction_id)
    topup = session.get_one(TopUp, correction.top_up_id)
    resident = session.get_one(Resident, topup.resident_id)
    rows = (("更正充值", topup_number(topup.id)), ("原记金额", format_fen(topup.amount_fen)),
            ("应为金额", format_fen(correction.correct_amount_fen)),
            ("钱包调整", format_fen(correction.correct_amount_fen - topup.amount_fen)),
            ("原因", correction.reason))
    return _slip(session, "充值更正", correction_number(correction.id), correction, resident, rows, zone,
                 canteen_name, footer)


def refund_slip(session: Session, refund_id: int, zone: str, canteen_name: str,
                footer: str = "") -> receipts.WalletSlip:
    """The slip of a leaver's refund: the balance paid back, how, and why."""
    refund = session.get(BalanceRefund, refund_id)
    if refund is None:
        raise NotFound("no refund %(id)s", code="refund_not_found", id=refund_id)
    resident = session.get_one(Resident, refund.resident_id)
    rows = ((f"退款金额({PaymentMethod(refund.method).label()})", format_fen(refund.amount_fen)),
            ("原因", refund.reason))
    return _slip(session, "余额退款", refund_number(refund.id), refund, resident, rows, zone, canteen_name, footer)


def _slip(session: Session, kind: str, number: str, posted: TopUpCorrection | BalanceRefund, resident: Resident,
          rows: tuple[tuple[str, str], ...], zone: str, canteen_name: str, footer: str) -> receipts.WalletSlip:
    """A slip of a posted wallet change: when and by whom, for whom (masked), its rows, the balance after it."""
    return receipts.WalletSlip(
        canteen_name=canteen_name, printed_at=as_utc(posted.created_at).astimezone(ZoneInfo(zone)),
        receipt_no=number, cashier=cashier_name(session, posted.created_by), kind=kind,
        resident_name=mask_name(resident.name), resident_id=mask_number(resident.id_number), rows=rows,
        balance_after_fen=wallet_balance_after(session, resident.id, posted.transaction_id), footer=footer)
