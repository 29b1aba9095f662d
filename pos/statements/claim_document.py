"""A claim as the receipts library draws it: summary from GROUP BY, details streamed, adjustments."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

import receipts
from pos.canteens.services import main_canteen
from pos.clock import local_date, utc_bounds
from pos.ledger.chain import hash_before
from pos.residents.masks import masked_resident
from pos.sales.models import SaleVoid
from pos.statements import claim_query as q
from pos.statements.claim_counts import operating_lines, scope_of, service_counts
from pos.statements.models import SubsidyClaim as IssuedClaim
from pos.statements.names import PolicyNames
from pos.statements.periods import Month, parse_month


def claim_number(funder: str, month: Month, issued: bool = True) -> str:
    """BT-202611-district for an issued claim, DRAFT-202611-district for a draft."""
    return f"{'BT' if issued else 'DRAFT'}-{month.year:04d}{month.month:02d}-{funder}"


@dataclass(frozen=True)
class ClaimSource:
    """What a claim document is built from: an issued claim, or a draft of funder and month."""

    funder: str
    month: Month
    issued: IssuedClaim | None = None

    @property
    def claim_no(self) -> str:
        return claim_number(self.funder, self.month, self.issued is not None)

    def lines(self) -> q.LineSet:
        return q.frozen_lines(self.issued.id) if self.issued else q.live_lines(self.funder, self.month)


def source_for(issued: IssuedClaim) -> ClaimSource:
    """The source of an issued claim."""
    return ClaimSource(issued.funder, parse_month(issued.month), issued)


def _tallies(groups: list[tuple], index: int, labels: dict | None = None, order=()) -> tuple[receipts.Tally, ...]:
    meals: dict = defaultdict(int)
    fen: dict = defaultdict(int)
    for row in groups:
        meals[row[index]] += int(row[5])
        fen[row[index]] += int(row[6])
    keys = [k for k in order if k in meals] + sorted(k for k in meals if k not in order)
    return tuple(receipts.Tally((labels or {}).get(k, str(k)), meals[k], fen[k]) for k in keys)


def _daily(groups: list[tuple]) -> tuple[receipts.DailyTotal, ...]:
    by_day: dict[date, list[int]] = defaultdict(lambda: [0, 0])
    for row in groups:
        day = row[4] if isinstance(row[4], date) else date.fromisoformat(str(row[4]))
        by_day[day][0] += int(row[5])
        by_day[day][1] += int(row[6])
    return tuple(receipts.DailyTotal(d, m, f) for d, (m, f) in sorted(by_day.items()))


def build_claim(session: Session, source: ClaimSource, canteen_name: str, today: date,
                prepared_by: str = "", zone: str = "Asia/Shanghai") -> receipts.SubsidyClaim:
    """The claim's header, summary tallies, daily totals and adjustments."""
    groups = q.summary_groups(session, source.lines())
    names = PolicyNames(session)
    issued = source.issued
    return receipts.SubsidyClaim(
        claim_no=source.claim_no, canteen_name=canteen_name, funder=names.funder(source.funder),
        period_start=source.month.first, period_end=source.month.last,
        issued_on=local_date(issued.issued_at, zone) if issued else today,
        meals=issued.meals if issued else q.meals_in_month(session, source.month),
        subsidised_meals=sum(int(r[5]) for r in groups), subsidy_fen=sum(int(r[6]) for r in groups),
        by_category=_tallies(groups, 0), by_age_band=_tallies(groups, 1, order=q.AGE_BANDS),
        by_meal_period=_tallies(groups, 2, q.PERIOD_LABELS, tuple(q.PERIOD_LABELS)),
        by_channel=_tallies(groups, 3, q.CHANNEL_LABELS, tuple(q.CHANNEL_LABELS)),
        daily=_daily(groups), adjustments=tuple(adjustments(session, source, names, zone)),
        prepared_by=prepared_by, **_counted(session, source),
        chain_hash=hash_before(session, utc_bounds(source.month.first, source.month.next_first, zone)[1]))


def _counted(session: Session, source: ClaimSource) -> dict:
    """The claim's service counts and operating subsidy lines (none without a canteen)."""
    canteen = main_canteen(session)
    if canteen is None:
        return {}
    scope = scope_of(canteen, source.month, source.issued.issued_at if source.issued else None)
    return {"counts": service_counts(session, scope),
            "operating": operating_lines(session, canteen, source.funder, source.month, scope)}


def claim_details(session: Session, source: ClaimSource) -> Iterator[receipts.ClaimDetail]:
    """Every detail line of the claim, streamed from the database."""
    names = PolicyNames(session)
    rule_name, periods = names.rule, q.PERIOD_LABELS
    for row in q.detail_rows(session, source.lines(), order_by_item=source.issued is not None):
        day = row[0] if isinstance(row[0], date) else date.fromisoformat(str(row[0]))
        yield receipts.ClaimDetail(day, row[1], masked_resident(row[2], row[3]), row[4],
                                   periods.get(row[5], row[5]), rule_name(row[6], row[7], row[8]), row[7], int(row[9]))


def adjustments(session: Session, source: ClaimSource, names: PolicyNames,
                zone: str) -> Iterator[receipts.ClaimAdjustment]:
    """Lines taken back: the issued claim's adjustment items, or for a draft those it would take back."""
    if source.issued:
        rows = select(q.item.c.sale_subsidy_id, q.item.c.amount_fen).where(
            q.item.c.claim_id == source.issued.id, q.item.c.kind == "adjustment").order_by(q.item.c.id)
    else:
        back = q.voided_claimed_lines(source.funder, source.month).subquery()
        rows = select(back.c.sale_subsidy_id, -back.c.amount_fen).order_by(back.c.sale_subsidy_id)
    for line_id, fen in session.execute(rows).all():
        yield _adjustment(session, line_id, int(fen), names, zone)


def _adjustment(session: Session, line_id: int, fen: int, names: PolicyNames, zone: str) -> receipts.ClaimAdjustment:
    ss, sale, res, item, claim = q.ss, q.sale, q.res, q.item, IssuedClaim.__table__
    row = session.execute(
        select(ss.c.business_date, sale.c.receipt_no, res.c.name, res.c.id_number, q.category_of_line(),
               ss.c.meal_period, ss.c.policy_id, ss.c.policy_version, ss.c.rule_id, claim.c.funder, claim.c.month,
               SaleVoid.voided_at)
        .select_from(ss.join(sale, sale.c.id == ss.c.sale_id).join(res, res.c.id == ss.c.resident_id)
                     .join(item, (item.c.sale_subsidy_id == ss.c.id) & (item.c.kind == "claimed"))
                     .join(claim, claim.c.id == item.c.claim_id).join(SaleVoid, SaleVoid.sale_id == sale.c.id))
        .where(ss.c.id == line_id)).one()
    original = claim_number(row[9], parse_month(row[10]))
    return receipts.ClaimAdjustment(row[0], row[1], masked_resident(row[2], row[3]), row[4],
                                    q.PERIOD_LABELS.get(row[5], row[5]), names.rule(row[6], row[7], row[8]), row[7],
                                    fen, original, local_date(row[11], zone))
