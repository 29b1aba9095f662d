"""Figures for one day, for the dashboard."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session


@dataclass(frozen=True)
class DaySummary:
    """Meals served and money taken on one day, in fen."""

    day: date
    meals: int = 0
    subsidised_meals: int = 0
    takings_fen: int = 0
    subsidy_fen: int = 0
    topups_fen: int = 0


def summarise_day(session: Session, day: date) -> DaySummary:
    """Count the day's meals and takings."""
    return DaySummary(day=day)
