"""Operating subsidies (运营补贴) paid to the canteen: which diners a rule counts, and what a month's count earns."""
from __future__ import annotations

from dataclasses import dataclass

from vocabulary import AgeBand

from .model import OperatingRule

# The edges of vocabulary.AgeBand: an operating rule's ages fall on them (its records keep the band).
AGE_EDGES: tuple[int, ...] = (60, 70, 80, 90)
_BAND_FROM: dict[AgeBand, int] = {AgeBand.UNDER_60: 0, AgeBand.AGE_60_69: 60, AgeBand.AGE_70_79: 70,
                                  AgeBand.AGE_80_89: 80, AgeBand.AGE_90_PLUS: 90}


def age_bands(rule: OperatingRule) -> frozenset[str]:
    """The age bands (vocabulary.AgeBand values) whose every age the rule covers."""
    return frozenset(band.value for band, lo in _BAND_FROM.items()
                     if (rule.age_min is None or lo >= rule.age_min) and (rule.age_max is None or lo < rule.age_max))


def overlap(one: OperatingRule, other: OperatingRule) -> bool:
    """True if one diner's meal could count for both rules: a shared age band, meal period and channel.

    Categories never separate two rules: a resident may hold both categories on the same day.
    """
    return bool(age_bands(one) & age_bands(other) and one.meal_periods & other.meal_periods
                and one.channels & other.channels)


@dataclass(frozen=True)
class OperatingPayment:
    """What a rule pays for a month: the count, what the caps let through, and the amount."""

    rule: OperatingRule
    counted: int      # diner-days or meals that qualify
    paid_count: int   # after per_month_count
    gross_fen: int    # paid_count × amount_fen
    amount_fen: int   # after per_month_fen

    @property
    def count_capped(self) -> bool:
        return self.paid_count < self.counted

    @property
    def amount_capped(self) -> bool:
        return self.amount_fen < self.gross_fen


def operating_payment(rule: OperatingRule, counted: int) -> OperatingPayment:
    """The month's payment: count × rate, the count cap first, then the amount cap (whole fen throughout)."""
    if counted < 0:
        raise ValueError(f"a count cannot be negative: {counted}")
    paid = counted if rule.per_month_count is None else min(counted, rule.per_month_count)
    gross = paid * rule.amount_fen
    amount = gross if rule.per_month_fen is None else min(gross, rule.per_month_fen)
    return OperatingPayment(rule, counted, paid, gross, amount)
