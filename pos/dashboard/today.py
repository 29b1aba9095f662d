"""Figures for one day, for the dashboard."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy.orm import Session

from pos.clock import utc_bounds
from pos.sales.models import Sale
from pos.shifts.takings import takings
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
    # Stored times are UTC (SQLite keeps them as naive UTC text), so compare in UTC.
    start, end = utc_bounds(day, day + timedelta(days=1), timezone)
    taken = takings(session, "", [Sale.business_date == day], [TopUp.created_at >= start, TopUp.created_at < end])
    return DaySummary(day, taken.meals, taken.subsidised_meals, taken.wallet_fen + taken.cash_fen + taken.mobile_fen,
                      taken.subsidy_fen, taken.topup_cash_fen + taken.topup_mobile_fen)
