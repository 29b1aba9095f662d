"""Issuing a month's claim to a funder: the lines it claims are frozen in ClaimItem rows."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func, insert, literal, select
from sqlalchemy.orm import Session

from pos.audit import Actor
from pos.audit import record as audit
from pos.db import insert_if_missing
from pos.errors import Conflict, InvalidInput
from pos.input_text import checked_text, column_length
from pos.sales.models import Sale
from pos.statements.claim_query import item, live_lines, meals_in_month, ss, voided_claimed_lines
from pos.statements.models import SubsidyClaim
from pos.statements.periods import Month


def issue_claim(session: Session, funder: str, month: Month, today: date, now: datetime,
                issued_by: int | None = None) -> SubsidyClaim:
    """Freeze the month's subsidy lines of `funder` (and take back lines voided since earlier claims)."""
    funder = checked_text(funder.strip(), column_length(SubsidyClaim.funder), "funder")
    if not funder:
        raise InvalidInput("is required", field="funder")
    if today <= month.last:
        raise Conflict("the month %(month)s has not ended yet; issue its claim from %(day)s",
                       code="month_open", month=month.label, day=month.next_first.isoformat())
    # Claiming the (funder, month) row first: a second issue at the same moment waits for this one,
    # then finds the row and is refused, instead of failing on the unique key.
    if not insert_if_missing(session, SubsidyClaim, funder=funder, month=month.label, issued_at=now,
                             issued_by=issued_by, meals=meals_in_month(session, month), claimed_fen=0,
                             adjustment_fen=0):
        raise Conflict("the %(month)s claim to %(funder)s was already issued", code="claim_issued",
                       month=month.label, funder=funder)
    claim = session.scalars(select(SubsidyClaim).where(SubsidyClaim.funder == funder,
                                                       SubsidyClaim.month == month.label)).one()
    _freeze_lines(session, claim, funder, month)
    claim.claimed_fen, claim.adjustment_fen = _item_totals(session, claim.id)
    session.flush()
    audit(session, Actor(staff_id=issued_by), "claim.issued", "claim", claim.id, after={
        "funder": funder, "month": month.label, "claimed_fen": claim.claimed_fen,
        "adjustment_fen": claim.adjustment_fen}, at=now)
    return claim


def _freeze_lines(session: Session, claim: SubsidyClaim, funder: str, month: Month) -> None:
    """INSERT … SELECT the claimed lines in claim order, then the adjustments: one statement each."""
    live = live_lines(funder, month).query.subquery()
    claimed = (select(literal(claim.id), live.c.line_id, literal("claimed"), live.c.amount_fen, live.c.category)
               .select_from(live.join(ss, ss.c.id == live.c.line_id).join(Sale.__table__, Sale.id == ss.c.sale_id))
               .order_by(ss.c.business_date, Sale.seq, ss.c.id))
    columns = [item.c.claim_id, item.c.sale_subsidy_id, item.c.kind, item.c.amount_fen, item.c.category]
    session.execute(insert(item).from_select(columns, claimed))
    back = voided_claimed_lines(funder, month).subquery()
    taken = (select(literal(claim.id), back.c.sale_subsidy_id, literal("adjustment"), -back.c.amount_fen,
                    back.c.category)
             .order_by(back.c.sale_subsidy_id))
    session.execute(insert(item).from_select(columns, taken))


def _item_totals(session: Session, claim_id: int) -> tuple[int, int]:
    """(claimed fen, adjustment fen) of a claim's items."""
    rows = dict(session.execute(select(item.c.kind, func.coalesce(func.sum(item.c.amount_fen), 0))
                                .where(item.c.claim_id == claim_id).group_by(item.c.kind)).all())
    return int(rows.get("claimed", 0)), int(rows.get("adjustment", 0))
