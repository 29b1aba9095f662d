"""What subsidy a resident already received: the engine's caps are checked against this."""
from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from sqlalchemy import Select, SQLColumnExpression, func, select
from sqlalchemy.orm import Session

from pos.sales.models import SaleSubsidy, SaleVoid
from subsidy import Tally, Usage, UsageSoFar


def live_subsidy_lines(resident_id: int, first: date, last: date, *columns: SQLColumnExpression[Any]) -> Select:
    """`columns` of the resident's subsidy lines from `first` to `last`, leaving out voided sales."""
    return (select(*columns).outerjoin(SaleVoid, SaleVoid.sale_id == SaleSubsidy.sale_id)
            .where(SaleSubsidy.resident_id == resident_id, SaleVoid.id.is_(None),
                   SaleSubsidy.business_date >= first, SaleSubsidy.business_date <= last))


def subsidies_on(session: Session, resident_id: int, day: date) -> list[tuple[str, int]]:
    """(meal period, fen) of the subsidy the resident received on `day`, for the counter's panel."""
    rows = session.execute(live_subsidy_lines(resident_id, day, day, SaleSubsidy.meal_period,
                                              func.sum(SaleSubsidy.amount_fen)).group_by(SaleSubsidy.meal_period))
    return [(period, int(fen)) for period, fen in rows]


def usage_so_far(session: Session, resident_id: int, day: date, period: str) -> UsageSoFar:
    """Tallies by rule, group and funder for the day, the day's meal period and the month."""
    rows = session.execute(live_subsidy_lines(
        resident_id, day.replace(day=1), day, SaleSubsidy.sale_id, SaleSubsidy.business_date, SaleSubsidy.meal_period,
        SaleSubsidy.rule_id, SaleSubsidy.rule_group, SaleSubsidy.funder, SaleSubsidy.amount_fen)).all()
    # Per key and window: the sales counted (a count is meals, not lines) and fen.
    sales: dict[tuple[str, str, str], set[int]] = defaultdict(set)
    fen: dict[tuple[str, str, str], int] = defaultdict(int)
    for sale_id, on, meal, rule, group, funder, amount in rows:
        windows = ["month"] + (["day"] if on == day else []) + (["period"] if on == day and meal == period else [])
        for dimension, key in (("rule", rule), ("group", group), ("funder", funder)):
            for window in windows:
                sales[(dimension, key, window)].add(sale_id)
                fen[(dimension, key, window)] += amount
    return UsageSoFar(by_rule=_usage("rule", sales, fen), by_group=_usage("group", sales, fen),
                      by_funder=_usage("funder", sales, fen))


def _usage(dimension: str, sales: dict, fen: dict) -> dict[str, Usage]:
    keys = {key for (dim, key, _w) in sales if dim == dimension}
    return {key: Usage(**{window: Tally(len(sales.get((dimension, key, window), ())),
                                        fen.get((dimension, key, window), 0))
                          for window in ("day", "period", "month")})
            for key in keys}
