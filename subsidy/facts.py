"""What the app tells the engine about a sale: resident, canteen, meal, usage."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

from vocabulary import CHANNELS, MEAL_PERIODS

ResidentStatus = Literal["active", "moved_away", "deceased"]
RESIDENT_STATUSES: tuple[ResidentStatus, ...] = ("active", "moved_away", "deceased")
AREA_FIELDS = ("province", "city", "district", "street", "community")


@dataclass(frozen=True)
class Area:
    """A place in the administrative hierarchy, by code or name ("" = unknown)."""

    province: str = ""
    city: str = ""
    district: str = ""
    street: str = ""      # 街道/镇 (street office or town)
    community: str = ""   # 社区/村

    def same_as(self, other: Area, level: str) -> bool:
        """True if both areas are known and equal down to `level` ("anywhere" always matches)."""
        if level == "anywhere":
            return True
        names = AREA_FIELDS[: AREA_FIELDS.index(level) + 1]
        # An unknown part never matches: a funder pays only when it is sure.
        return all(getattr(self, n) and getattr(self, n) == getattr(other, n)
                   for n in names)


@dataclass(frozen=True)
class CategoryGrant:
    """A resident's category (e.g. dibao), valid from/to inclusive (None = open)."""

    code: str
    valid_from: date | None = None
    valid_to: date | None = None

    def valid_on(self, day: date) -> bool:
        """True if the grant covers this date."""
        return ((self.valid_from is None or self.valid_from <= day)
                and (self.valid_to is None or day <= self.valid_to))


@dataclass(frozen=True)
class ResidentFacts:
    """The resident as of the sale; status_date is the last day they may be subsidised."""

    birth_date: date
    home: Area
    categories: tuple[CategoryGrant, ...] = ()
    status: ResidentStatus = "active"
    status_date: date | None = None

    def __post_init__(self) -> None:
        if self.status not in RESIDENT_STATUSES:
            raise ValueError(f"status must be one of {RESIDENT_STATUSES}, got {self.status!r}")


@dataclass(frozen=True)
class CanteenFacts:
    """The canteen where the meal is sold (its area decides out-of-area rules)."""

    area: Area


@dataclass(frozen=True)
class OrderLine:
    """One line of the order, its total in fen; a delivery fee is flagged."""

    amount_fen: int
    is_delivery_fee: bool = False

    def __post_init__(self) -> None:
        if type(self.amount_fen) is not int or self.amount_fen < 0:
            raise ValueError(f"amount_fen must be a non-negative int, got {self.amount_fen!r}")


@dataclass(frozen=True)
class Meal:
    """The sale being quoted: meal period, channel, lines, and when (policy-local or aware)."""

    period: str
    channel: str
    lines: tuple[OrderLine, ...]
    at: datetime

    def __post_init__(self) -> None:
        if self.period not in MEAL_PERIODS:
            raise ValueError(f"period must be one of {MEAL_PERIODS}, got {self.period!r}")
        if self.channel not in CHANNELS:
            raise ValueError(f"channel must be one of {CHANNELS}, got {self.channel!r}")


@dataclass(frozen=True)
class Tally:
    """How many sales, and how many fen, in one window."""

    count: int = 0
    amount_fen: int = 0


@dataclass(frozen=True)
class Usage:
    """Tallies for the sale's day, its day + meal period, and its month."""

    day: Tally = Tally()
    period: Tally = Tally()
    month: Tally = Tally()


NO_USAGE = Usage()


@dataclass(frozen=True)
class UsageSoFar:
    """Subsidy the resident already received, before this sale, keyed by rule/group/funder id."""

    by_rule: Mapping[str, Usage] = field(default_factory=dict)
    by_group: Mapping[str, Usage] = field(default_factory=dict)
    by_funder: Mapping[str, Usage] = field(default_factory=dict)

    def rule(self, rule_id: str) -> Usage:
        """Usage of one rule."""
        return self.by_rule.get(rule_id, NO_USAGE)

    def group(self, group_id: str) -> Usage:
        """Usage of one group."""
        return self.by_group.get(group_id, NO_USAGE)

    def funder(self, funder_id: str) -> Usage:
        """Usage of one funder."""
        return self.by_funder.get(funder_id, NO_USAGE)
