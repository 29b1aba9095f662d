"""Policy data: a versioned subsidy policy as read from its TOML file."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from vocabulary import CHANNELS, MEAL_PERIODS

AppliesTo = Literal["meal", "delivery_fee"]
# What an operating subsidy (运营补贴, paid to the canteen) counts: each resident served on a day, or each meal.
OperatingBasis = Literal["diner_day", "meal"]
OPERATING_BASES: tuple[OperatingBasis, ...] = ("diner_day", "meal")
BenefitKind = Literal["subsidy_fen", "subsidy_percent", "resident_pays_fen"]
# How far from home a funder still pays: "anywhere", or the area level that
# must match the resident's home (a town pays only inside its own town).
AreaLevel = Literal["anywhere", "province", "city", "district", "street", "community"]

AREA_LEVELS: tuple[AreaLevel, ...] = (
    "anywhere", "province", "city", "district", "street", "community")


@dataclass(frozen=True)
class Caps:
    """Limits per resident; None means no limit. Counts are meals (sales)."""

    per_day_count: int | None = None
    per_day_fen: int | None = None
    per_period_count: int | None = None
    per_period_fen: int | None = None
    per_month_count: int | None = None
    per_month_fen: int | None = None


@dataclass(frozen=True)
class Category:
    """A resident category a policy refers to, e.g. dibao (低保)."""

    code: str
    name_zh: str
    name_en: str


@dataclass(frozen=True)
class Funder:
    """Who pays a share of a subsidy (city, district, town, ...)."""

    id: str
    name_zh: str
    name_en: str
    pays_within: AreaLevel = "anywhere"
    caps: Caps = Caps()


@dataclass(frozen=True)
class Group:
    """Rules that compete: within a group only the best eligible rule pays."""

    id: str
    name_zh: str
    name_en: str
    caps: Caps = Caps()


@dataclass(frozen=True)
class Share:
    """One funder's part of a rule's subsidy: fixed fen, or the rest (fen=None)."""

    funder: str
    fen: int | None


@dataclass(frozen=True)
class Benefit:
    """What a rule gives: a fixed subsidy, a percentage, or a price the resident pays."""

    kind: BenefitKind
    value: int
    max_fen: int | None = None


@dataclass(frozen=True)
class Rule:
    """One subsidy rule: who qualifies, for what, how much, who pays."""

    id: str
    group: str
    name_zh: str
    name_en: str
    benefit: Benefit
    shares: tuple[Share, ...]
    applies_to: AppliesTo = "meal"
    age_min: int | None = None   # inclusive
    age_max: int | None = None   # exclusive
    categories: frozenset[str] = frozenset()  # any of; empty = everyone
    meal_periods: frozenset[str] = frozenset(MEAL_PERIODS)
    channels: frozenset[str] = frozenset(CHANNELS)
    min_spend_fen: int = 0
    caps: Caps = Caps()


@dataclass(frozen=True)
class OperatingRule:
    """An operating subsidy paid to the canteen per diner-day or per meal, counted from its service records.

    Only registered residents count (a walk-in is nobody the funder can check). Ages are whole age bands
    (a service record keeps the band, not the age), so age_min and age_max fall on band edges.
    """

    id: str
    name_zh: str
    name_en: str
    funder: str
    per: OperatingBasis
    amount_fen: int
    age_min: int | None = None   # inclusive, a band edge (60, 70, 80, 90)
    age_max: int | None = None   # exclusive, a band edge
    categories: frozenset[str] = frozenset()  # any of; empty = every resident
    meal_periods: frozenset[str] = frozenset(MEAL_PERIODS)
    channels: frozenset[str] = frozenset(CHANNELS)
    per_month_count: int | None = None  # diner-days or meals paid at most, per canteen per month
    per_month_fen: int | None = None    # fen paid at most, per canteen per month


@dataclass(frozen=True)
class PolicyVersion:
    """One version of a policy, in force from effective_from (local time)."""

    policy_id: str
    version: str
    name_zh: str
    name_en: str
    effective_from: datetime          # naive, policy-local, inclusive
    effective_to: datetime | None     # naive, policy-local, exclusive
    timezone: str
    categories: tuple[Category, ...]
    funders: tuple[Funder, ...]
    groups: tuple[Group, ...]
    rules: tuple[Rule, ...]
    source: str = ""
    operating: tuple[OperatingRule, ...] = ()

    def funder(self, funder_id: str) -> Funder:
        """The funder with this id."""
        return next(f for f in self.funders if f.id == funder_id)

    def rules_in(self, group_id: str) -> tuple[Rule, ...]:
        """Rules of one group, in file order."""
        return tuple(r for r in self.rules if r.group == group_id)

    def in_force_at(self, local_at: datetime) -> bool:
        """True if this version covers the policy-local datetime."""
        return self.effective_from <= local_at and (
            self.effective_to is None or local_at < self.effective_to)
