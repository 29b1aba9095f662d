"""The daily closing (日结): the day's takings per shift and in all, from SQL sums."""
from __future__ import annotations

from dataclasses import fields
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

import receipts
from pos.auth.models import User
from pos.clock import utc_bounds
from pos.ledger.chain import hash_before
from pos.sales.models import Sale, SaleVoid
from pos.shifts.models import Shift
from pos.shifts.takings import shift_filters, takings
from pos.statements.claim_query import category_of_line, ss
from pos.wallets.models import TopUp

CASH_COUNT = ("cash_expected_fen", "cash_counted_fen", "cash_uncounted_fen")  # a drawer's, not a sum of takings
NUMBERS = [f.name for f in fields(receipts.ShiftTakings) if f.name not in ("label", *CASH_COUNT)]


def shift_takings(session: Session, shift: Shift, day_end: datetime) -> receipts.ShiftTakings:
    """One shift's takings: its cashier's sales and top-ups between opening and close."""
    end = shift.closed_at or day_end
    cashier = session.get(User, shift.cashier_id)
    label = f"{cashier.display_name if cashier else shift.cashier_id} #{shift.id}"
    label += "" if shift.closed_at else "(未结班)"
    return takings(session, label, *shift_filters(shift, end), shift.opening_float_fen, shift.counted_cash_fen)


def outside_shifts(day: receipts.ShiftTakings, shifts: list[receipts.ShiftTakings]) -> receipts.ShiftTakings | None:
    """What the day took beyond its shifts (sales rung up with no shift open, top-ups in the office), if anything:
    no drawer was counted for it, so its cash is uncounted."""
    rest = {n: getattr(day, n) - sum(getattr(s, n) for s in shifts) for n in NUMBERS}
    if not any(rest.values()):
        return None
    return receipts.ShiftTakings("班次外", **rest, cash_expected_fen=rest["cash_fen"] + rest["topup_cash_fen"],
                                 cash_counted_fen=None)


def daily_closing(session: Session, canteen_id: int, canteen_name: str, day: date, zone: str,
                  closed_by: str, now: datetime) -> receipts.DailyClosing:
    """The day's closing: each shift opened that day, anything outside them, and subsidies by category."""
    start, end = utc_bounds(day, day + timedelta(days=1), zone)
    whole = takings(session, "全天", [Sale.canteen_id == canteen_id, Sale.business_date == day],
                    [TopUp.created_at >= start, TopUp.created_at < end])
    shifts = [shift_takings(session, s, end) for s in session.scalars(
        select(Shift).where(Shift.opened_at >= start, Shift.opened_at < end).order_by(Shift.opened_at))]
    rest = outside_shifts(whole, shifts)
    columns = tuple(shifts + ([rest] if rest else [])) or (whole,)
    return receipts.DailyClosing(canteen_name, day, closed_by, now.astimezone(ZoneInfo(zone)),
                                 columns, subsidised_by_category(session, canteen_id, day), hash_before(session, end))


def subsidised_by_category(session: Session, canteen_id: int, day: date) -> tuple[receipts.Tally, ...]:
    """The day's subsidy lines (sales not voided) by the resident's category."""
    category = category_of_line().label("category")
    rows = session.execute(
        select(category, func.count(func.distinct(ss.c.sale_id)), func.sum(ss.c.amount_fen))
        .select_from(ss.join(Sale, Sale.id == ss.c.sale_id).outerjoin(SaleVoid, SaleVoid.sale_id == Sale.id))
        .where(Sale.canteen_id == canteen_id, ss.c.business_date == day, SaleVoid.id.is_(None))
        .group_by(category).order_by(category)).all()
    return tuple(receipts.Tally(label, int(meals), int(fen)) for label, meals, fen in rows)
