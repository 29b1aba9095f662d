"""A window's takings in one SQL pass: meals, payments by kind, top-ups and voids.

The shift report at the counter, the daily closing and the dashboard's day all count with
these, so they always agree.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

import receipts
from pos.sales.models import Sale, SaleVoid
from pos.shifts.models import Shift
from pos.wallets.models import TopUp

MOBILE = ("wechat", "alipay")


def takings(session: Session, label: str, sale_where: list, topup_where: list, float_fen: int = 0,
            counted_fen: int | None = None) -> receipts.ShiftTakings:
    """Meals, payments, top-ups and voids of the sales and top-ups matching the filters."""
    voided = SaleVoid.id.is_not(None)

    def kept(col):  # a sum over sales not voided
        return func.coalesce(func.sum(case((voided, 0), else_=col)), 0)

    def by_method(methods):
        return kept(case((Sale.payment_method.in_(methods), Sale.paid_fen), else_=0))

    row = session.execute(select(
        kept(1), kept(case((Sale.subsidy_fen > 0, 1), else_=0)), kept(Sale.total_fen), kept(Sale.subsidy_fen),
        by_method(("wallet",)), by_method(("cash",)), by_method(MOBILE),
        func.coalesce(func.sum(case((voided, 1), else_=0)), 0),
        func.coalesce(func.sum(case((voided, Sale.total_fen), else_=0)), 0))
        .outerjoin(SaleVoid, SaleVoid.sale_id == Sale.id).where(*sale_where)).one()
    topups = dict(session.execute(select(TopUp.method, func.sum(TopUp.amount_fen)).where(*topup_where)
                                  .group_by(TopUp.method)).all())
    cash_topups = int(topups.get("cash", 0) or 0)
    mobile_topups = sum(int(v or 0) for k, v in topups.items() if k != "cash")
    meals, subsidised, sales, subsidy, wallet, cash, mobile, voids, voided_fen = map(int, row)
    expected = float_fen + cash + cash_topups
    # Cash nobody counted stays uncounted (None), never "counted as expected" with a difference of 0.00.
    return receipts.ShiftTakings(label, meals, subsidised, sales, subsidy, wallet, cash, mobile, cash_topups,
                                 mobile_topups, voids, voided_fen, expected, counted_fen)


def shift_filters(shift: Shift, end: datetime) -> tuple[list, list]:
    """The shift's sales and top-ups: its cashier's, from the opening to `end`."""
    return ([Sale.cashier_id == shift.cashier_id, Sale.sold_at >= shift.opened_at, Sale.sold_at <= end],
            [TopUp.created_by == shift.cashier_id, TopUp.created_at >= shift.opened_at, TopUp.created_at <= end])
