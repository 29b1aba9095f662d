"""What a fraud check finds: a finding (check, stable key, who, figures) and the meals that are its evidence."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time

from pos.statements.periods import Month

# The checks, in the order the report shows them. The codes are stored with explanations: never rename one.
AFTER_LEAVING = "after_leaving"  # meals after a resident's move-away or death date
DOUBLE_MEAL = "double_meal"  # two subsidised meals of one person in one meal period of one day
CARD_SURGE = "card_surge"  # a card used far more often than its holder's history
IDENTITY_SHARE = "identity_share"  # meals settled by identity check or proxy far above the usual share
CLOSED_HOURS = "closed_hours"  # subsidised meals while the canteen is closed
CASHIER_SHARE = "cashier_share"  # a cashier whose subsidised share is an outlier
CHECKS = (AFTER_LEAVING, DOUBLE_MEAL, CARD_SURGE, IDENTITY_SHARE, CLOSED_HOURS, CASHIER_SHARE)

EVIDENCE_MEALS = 20  # meals listed per finding (its figures count them all)


@dataclass(frozen=True)
class Scope:
    """What a report covers: one canteen's month, with the zone and serving hours its times are read in."""

    canteen_id: int
    month: Month
    zone: str
    hours: dict[str, tuple[time, time]]


@dataclass(frozen=True)
class Meal:
    """One service record shown as evidence, with its sale's receipt number."""

    sale_id: int
    receipt_no: str
    canteen_id: int
    day: date
    meal_period: str
    served_at: datetime  # aware UTC
    identified: str
    resident_id: int | None
    terminal_id: int | None
    staff_id: int | None
    subsidy_fen: int


@dataclass(frozen=True)
class Explanation:
    """A manager's note on a finding."""

    note: str
    staff_id: int | None
    staff_name: str
    at: datetime


@dataclass(frozen=True)
class Finding:
    """One thing a check found: `key` is stable across re-runs of the same month, so an explanation sticks."""

    check: str
    key: str
    resident_id: int | None = None
    staff_id: int | None = None
    terminal_id: int | None = None
    figures: dict[str, object] = field(default_factory=dict)  # the counts and the history they were compared with
    meals: tuple[Meal, ...] = ()
    explanation: Explanation | None = None


@dataclass(frozen=True)
class Report:
    """A canteen's month of findings, in check order, with the names the page and the CLI show."""

    scope: Scope
    findings: tuple[Finding, ...]
    residents: dict[int, str] = field(default_factory=dict)
    staff: dict[int, str] = field(default_factory=dict)
    terminals: dict[int, str] = field(default_factory=dict)
    canteens: dict[int, str] = field(default_factory=dict)

    def by_check(self) -> list[tuple[str, list[Finding]]]:
        """Every check (also those that found nothing) with its findings."""
        return [(check, [f for f in self.findings if f.check == check]) for check in CHECKS]
