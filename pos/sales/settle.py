"""Settling a sale: one transaction writes the sale, its subsidy lines, its ledger entries and its service record."""
from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import insert, update
from sqlalchemy.orm import Session

from pos.audit import Actor
from pos.audit import record as audit
from pos.auth.models import User
from pos.canteens.models import Canteen
from pos.credentials.services import consume_pass
from pos.db import insert_if_missing
from pos.errors import InvalidInput
from pos.ledger.posting import account, post
from pos.sales.models import ReceiptCounter, Sale, SaleLine, SaleSubsidy
from pos.sales.quoting import SaleQuote, subsidy_json
from pos.servicerecords.writing import Served, record_service
from vocabulary import Identified


def record_sale(session: Session, quote: SaleQuote, canteen: Canteen, terminal_id: int | None,
                user: User | None, payment_method: str, proxy_name: str | None = None) -> Sale:
    """Write a quoted sale and its ledger transaction; the caller's unit of work commits. `proxy_name`: who
    collected the meal for the resident, which makes its service record's identification a proxy."""
    if quote.total_fen == 0:
        raise InvalidInput("the order costs nothing; there is nothing to settle", field="items")
    seq = next_receipt_seq(session, canteen.id, quote.business_date)
    resident = quote.presented.resident if quote.presented else None
    sale = Sale(
        canteen_id=canteen.id, business_date=quote.business_date, seq=seq,
        receipt_no=f"{quote.business_date:%Y%m%d}-{seq:04d}", sold_at=quote.at, meal_period=quote.meal_period,
        channel=quote.channel, terminal_id=terminal_id, cashier_id=user.id if user else None,
        resident_id=resident.id if resident else None,
        credential_kind=quote.presented.kind if quote.presented else Identified.WALK_IN,
        credential_ref=quote.presented.ref if quote.presented else "", proxy_name=proxy_name,
        policy_id=quote.policy.policy_id if quote.policy and quote.subsidy_lines else None,
        policy_version=quote.policy.version if quote.policy and quote.subsidy_lines else None,
        total_fen=quote.total_fen, subsidy_fen=quote.subsidy_fen, paid_fen=quote.payable_fen,
        payment_method=payment_method, transaction_id=post_sale(session, quote, payment_method, user).id)
    session.add(sale)
    session.flush()
    add_lines(session, sale, quote)
    record_service(session, Served(canteen.id, sale.id, sale.business_date, sale.meal_period, sale.channel,
                                   sale.credential_kind, terminal_id, sale.cashier_id, sale.sold_at, proxy_name),
                   resident)
    if quote.presented is not None:
        consume_pass(quote.presented)
    audit(session, Actor(user.id if user else None, terminal_id), "sale.settled", "sale", sale.id, after={
        "receipt_no": sale.receipt_no, "resident_id": sale.resident_id, "total_fen": sale.total_fen,
        "subsidy_fen": sale.subsidy_fen, "paid_fen": sale.paid_fen, "payment_method": payment_method}
        | ({"proxy_name": proxy_name} if proxy_name else {}),
        transaction_id=sale.transaction_id, at=quote.at)
    return sale


def post_sale(session: Session, quote: SaleQuote, payment_method: str, user: User | None):
    """The ledger transaction: revenue credited; wallet or till, and each funder's receivable, debited."""
    payer = quote.wallet if quote.wallet is not None else account(session, payment_method, payment_method)
    by_funder: dict[str, int] = defaultdict(int)
    for line in quote.subsidy_lines:
        by_funder[line.funder] += line.amount_fen
    legs = [(payer, quote.payable_fen)]
    legs += [(account(session, f"receivable:{funder}", "subsidy_receivable", funder), fen)
             for funder, fen in sorted(by_funder.items())]
    legs.append((account(session, "meal_revenue", "meal_revenue"), -quote.total_fen))
    return post(session, "sale", legs, created_by=user.id if user else None)


def add_lines(session: Session, sale: Sale, quote: SaleQuote) -> None:
    """The sale's dish lines and subsidy lines."""
    # Core inserts: one statement for all lines, no ORM bookkeeping on the busiest path.
    session.execute(insert(SaleLine.__table__), [
        {"sale_id": sale.id, "dish_id": line.dish.id, "name": line.dish.name, "qty": line.qty,
         "unit_price_fen": line.unit_price_fen, "amount_fen": line.amount_fen} for line in quote.lines])
    if quote.subsidy_lines:
        session.execute(insert(SaleSubsidy.__table__), [
            {"sale_id": sale.id, "resident_id": sale.resident_id, "business_date": sale.business_date,
             "meal_period": sale.meal_period, "policy_id": line.policy_id, "policy_version": line.policy_version,
             "rule_group": line.group, "rule_id": line.rule_id, "funder": line.funder, "applies_to": line.applies_to,
             "amount_fen": line.amount_fen, "reason_zh": line.reason_zh[:300], "reason_en": line.reason_en[:300]}
            for line in quote.subsidy_lines])


def next_receipt_seq(session: Session, canteen_id: int, day: date) -> int:
    """The next receipt number of the day; rolled back with the sale, so numbers have no gaps."""
    table = ReceiptCounter.__table__
    bump = (update(table).where(table.c.canteen_id == canteen_id, table.c.business_date == day)
            .values(last_seq=table.c.last_seq + 1).returning(table.c.last_seq))
    seq = session.execute(bump).scalar_one_or_none()
    if seq is None:  # the day's first sale
        insert_if_missing(session, ReceiptCounter, canteen_id=canteen_id, business_date=day, last_seq=0)
        seq = session.execute(bump).scalar_one()
    return seq


def sale_json(sale: Sale, quote: SaleQuote, locale: str) -> dict:
    """The settled sale as the API returns it."""
    return {"sale_id": sale.id, "receipt_no": sale.receipt_no, "total_fen": sale.total_fen,
            "subsidy_fen": sale.subsidy_fen, "paid_fen": sale.paid_fen,
            "payment_method": sale.payment_method, "meal_period": sale.meal_period,
            # The wallet's balance as the ledger left it: posting moved the cached balance in the same statement.
            "balance_after_fen": quote.wallet.balance_fen if quote.wallet is not None else None,
            "static_pass": bool(quote.presented and quote.presented.static_pass), "proxy_name": sale.proxy_name,
            "lines": [{"dish_id": line.dish.id, "name": line.dish.name_en if locale == "en" and line.dish.name_en
                       else line.dish.name, "qty": line.qty, "unit_price_fen": line.unit_price_fen,
                       "amount_fen": line.amount_fen} for line in quote.lines],
            "subsidy_lines": [subsidy_json(line, locale) for line in quote.subsidy_lines]}
