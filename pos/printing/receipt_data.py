"""A sale's or a top-up's receipt, read back from the database into the receipts library's dataclasses."""
from __future__ import annotations

from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

import receipts
from pos.auth.models import User
from pos.canteens.models import Canteen
from pos.clock import as_utc
from pos.errors import NotFound
from pos.ledger.balances import wallet_balance_after
from pos.printing.tokens import ReceiptLinks
from pos.residents.masks import mask_name, mask_number
from pos.residents.models import Resident
from pos.sales.models import Sale
from pos.statements.names import PolicyNames
from pos.wallets.models import TopUp, topup_number
from vocabulary import MealPeriod, PaymentMethod


def cashier_name(session: Session, user_id: int | None) -> str:
    """The name a receipt or slip prints for the member of staff who took the money ("-" when none)."""
    user = session.get(User, user_id) if user_id else None
    return user.display_name if user else "-"


def sale_receipt(session: Session, sale_id: int, zone: str, links: ReceiptLinks) -> receipts.SaleReceipt:
    """The receipt of a sale, with its subsidy lines, payment, balance after, verification link and the footer of
    the canteen that sold it."""
    sale = session.get(Sale, sale_id)
    if sale is None:
        raise NotFound("no sale %(id)s", code="sale_not_found", id=sale_id)
    resident = session.get(Resident, sale.resident_id) if sale.resident_id else None
    names = PolicyNames(session)
    paid = {"wallet": 0, "cash": 0, "mobile": 0}
    paid["mobile" if sale.payment_method in ("wechat", "alipay") else sale.payment_method] = sale.paid_fen
    canteen = session.get_one(Canteen, sale.canteen_id)
    return receipts.SaleReceipt(
        canteen_name=canteen.name,
        printed_at=as_utc(sale.sold_at).astimezone(ZoneInfo(zone)), receipt_no=sale.receipt_no,
        cashier=cashier_name(session, sale.cashier_id), meal_period=MealPeriod(sale.meal_period).label(),
        lines=tuple(receipts.ReceiptLine(x.name, x.qty, x.unit_price_fen, x.amount_fen) for x in sale.lines),
        total_fen=sale.total_fen,
        subsidies=tuple(receipts.SubsidyLine(names.funder(s.funder),
                                             names.rule(s.policy_id, s.policy_version, s.rule_id), s.amount_fen)
                        for s in sale.subsidies),
        paid_from_wallet_fen=paid["wallet"], cash_paid_fen=paid["cash"], mobile_paid_fen=paid["mobile"],
        resident_name=mask_name(resident.name) if resident else None,
        resident_id=mask_number(resident.id_number) if resident else None, collected_by=sale.proxy_name,
        balance_after_fen=wallet_balance_after(session, resident.id, sale.transaction_id) if resident else None,
        verify_url=links.url("s", sale.id), footer=canteen.receipt_footer)


def topup_receipt(session: Session, topup_id: int, zone: str, canteen_name: str,
                  links: ReceiptLinks, footer: str = "") -> receipts.TopUpReceipt:
    """The receipt of a wallet top-up (top-ups keep no canteen: the caller names it and gives its footer)."""
    topup = session.get(TopUp, topup_id)
    if topup is None:
        raise NotFound("no top-up %(id)s", code="topup_not_found", id=topup_id)
    resident = session.get_one(Resident, topup.resident_id)
    return receipts.TopUpReceipt(
        canteen_name=canteen_name, printed_at=as_utc(topup.created_at).astimezone(ZoneInfo(zone)),
        receipt_no=topup_number(topup.id), cashier=cashier_name(session, topup.created_by),
        resident_name=mask_name(resident.name), resident_id=mask_number(resident.id_number),
        amount_fen=topup.amount_fen, method=PaymentMethod(topup.method).label(),
        balance_after_fen=wallet_balance_after(session, resident.id, topup.transaction_id),
        verify_url=links.url("t", topup.id), footer=footer, reference=topup.reference)

