"""Opening and closing a cashier's shift; each service owns its transaction."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from pos.audit import Actor
from pos.audit import record as audit
from pos.auth.models import User
from pos.canteens.services import sale_needs_shift
from pos.clock import utc_now
from pos.db import Database
from pos.errors import Conflict, Forbidden, NotFound
from pos.shifts.models import Shift
from pos.shifts.report import report_shift

MAX_CASH_FEN = 10_000_000  # 100,000 yuan: more in a canteen drawer is a typing slip


def open_shift(db: Database, user: User, terminal_id: int | None, opening_float_fen: int,
               now: datetime | None = None) -> dict:
    """Open a shift with a counted cash float; a cashier has at most one open shift."""
    with db.unit_of_work() as session:
        # Lock the cashier's row so two terminals cannot both open a shift for them.
        session.scalar(select(User.id).where(User.id == user.id).with_for_update())
        if open_shift_of(session, user.id) is not None:
            raise Conflict("you already have an open shift; close it first", code="shift_open")
        shift = Shift(cashier_id=user.id, terminal_id=terminal_id, opened_at=now or utc_now(),
                      opening_float_fen=opening_float_fen, note="")
        session.add(shift)
        session.flush()
        audit(session, Actor(user.id, terminal_id), "shift.opened", "shift", shift.id,
              after={"opening_float_fen": opening_float_fen}, at=shift.opened_at)
        return report_shift(session, shift, shift.opened_at).as_json()


def close_shift(db: Database, shift_id: int, user: User, counted_cash_fen: int, note: str = "",
                now: datetime | None = None, terminal_id: int | None = None) -> dict:
    """Close a shift with the counted drawer; the expected cash is fixed at this moment."""
    with db.unit_of_work() as session:
        shift = _shift_for(session, shift_id, user, lock=True)
        # The moment is taken once the shift is locked: a sale that held it (require_open_shift) has committed,
        # sold at an earlier moment, so the close counts it; a later one finds the shift closed.
        moment = now or utc_now()
        if shift.closed_at is not None:
            raise Conflict("this shift is already closed", code="shift_closed")
        shift.closed_at, shift.counted_cash_fen, shift.note = moment, counted_cash_fen, note.strip()[:200]
        report = report_shift(session, shift, moment)
        shift.expected_cash_fen = report.expected_cash_fen
        session.flush()
        audit(session, Actor(user.id, terminal_id), "shift.closed", "shift", shift.id, after={
            "counted_cash_fen": counted_cash_fen, "expected_cash_fen": report.expected_cash_fen}, note=shift.note,
            at=moment)
        return report.as_json()


def current_shift(session: Session, user: User, now: datetime | None = None) -> dict:
    """The user's open shift with its figures so far, or {"shift": None}."""
    shift = open_shift_of(session, user.id)
    return {"shift": None} if shift is None else report_shift(session, shift, now or utc_now()).as_json()


def shift_report(session: Session, shift_id: int, user: User, now: datetime | None = None) -> dict:
    """A shift's report: the cashier's own, or any for a manager."""
    return report_shift(session, _shift_for(session, shift_id, user), now or utc_now()).as_json()


def open_shift_of(session: Session, cashier_id: int, lock: bool = False) -> Shift | None:
    """The cashier's open shift, if any (`lock`: held against closing until the caller's transaction ends)."""
    query = (select(Shift).where(Shift.cashier_id == cashier_id, Shift.closed_at.is_(None))
             .order_by(Shift.id.desc()).limit(1))
    return session.scalar(query.with_for_update(read=True) if lock else query)


def require_open_shift(session: Session, cashier_id: int | None) -> None:
    """Refuse money taken at a till when the canteen says a sale needs an open shift and the cashier has none.

    The shift that counts is the cashier's, not the terminal's: a cashier has at most one open shift, and its
    report counts the cashier's sales and top-ups wherever they were rung up (`shift_filters`), so a cashier who
    moved to another till still takes money into their own drawer count. Called inside the sale's (or top-up's)
    transaction: the shift's row stays locked until it commits, so a close waits for it and counts it, and a
    shift closed a moment before is seen closed.
    """
    if not sale_needs_shift(session):
        return
    if cashier_id is None or open_shift_of(session, cashier_id, lock=True) is None:
        raise Conflict("No shift is open: open a shift (F8) with the counted cash float before taking money.",
                       code="shift_needed")


def _shift_for(session: Session, shift_id: int, user: User, lock: bool = False) -> Shift:
    query = select(Shift).where(Shift.id == shift_id)
    shift = session.scalar(query.with_for_update() if lock else query)
    if shift is None:
        raise NotFound("no shift %(id)s", code="shift_not_found", id=shift_id)
    if shift.cashier_id != user.id and not user.has_role("manager"):
        raise Forbidden("only the shift's cashier or a manager may see or close it")
    return shift
