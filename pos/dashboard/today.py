"""Figures for one day, for the dashboard."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from pos.clock import utc_bounds
from pos.sales.models import Sale, SaleVoid
from pos.wallets.models import TopUp


@dataclass(frozen=True)
class DaySummary:
    """Meals served and money taken on one day, in fen (voided sales left out)."""

    day: date
    meals: int = 0
    subsidised_meals: int = 0
    takings_fen: int = 0
    subsidy_fen: int = 0
    topups_fen: int = 0


def summarise_day(session: Session, day: date, timezone: str = "Asia/Shanghai") -> DaySummary:
    """Count the day's meals, takings, subsidy advanced and top-ups."""
    meals, subsidised, takings, subsidy = session.execute(
        select(func.count(Sale.id), func.coalesce(func.sum(case((Sale.subsidy_fen > 0, 1), else_=0)), 0),
               func.coalesce(func.sum(Sale.paid_fen), 0), func.coalesce(func.sum(Sale.subsidy_fen), 0))
        .outerjoin(SaleVoid, SaleVoid.sale_id == Sale.id)
        .where(Sale.business_date == day, SaleVoid.id.is_(None))).one()
    # Stored times are UTC (SQLite keeps them as naive UTC text), so compare in UTC.
    start, end = utc_bounds(day, day + timedelta(days=1), timezone)
    topups = session.scalar(select(func.coalesce(func.sum(TopUp.amount_fen), 0))
                            .where(TopUp.created_at >= start, TopUp.created_at < end))
    return DaySummary(day, int(meals), int(subsidised), int(takings), int(subsidy), int(topups))
