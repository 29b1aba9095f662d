"""A week's menu: which dish sits in each day, meal period and role."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable, Sequence

from vocabulary import MealPeriod


@dataclass(frozen=True)
class Placement:
    """One dish served on `day` (0 = Monday) at `period` in `role`."""

    day: int
    period: MealPeriod
    role: str
    code: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "period", MealPeriod(self.period))


@dataclass(frozen=True)
class WeekPlan:
    """A week's menu as placements; order is irrelevant."""

    placements: tuple[Placement, ...]

    @classmethod
    def of(cls, placements: Iterable[Placement]) -> "WeekPlan":
        """Build a plan sorted by day, period and role."""
        order = {p: i for i, p in enumerate(MealPeriod)}
        return cls(tuple(sorted(placements, key=lambda p: (p.day, order[p.period], p.role))))

    def at(self, day: int, period: MealPeriod, role: str) -> str | None:
        """The dish code at a slot, or None."""
        return next((p.code for p in self.placements
                     if (p.day, p.period, p.role) == (day, period, role)), None)

    def meals(self) -> dict[tuple[int, MealPeriod], list[Placement]]:
        """Placements grouped by (day, period)."""
        out: dict[tuple[int, MealPeriod], list[Placement]] = defaultdict(list)
        for placement in self.placements:
            out[(placement.day, placement.period)].append(placement)
        return dict(out)

    def days_of(self, code: str) -> list[int]:
        """The days (with repeats) on which a dish is served."""
        return [p.day for p in self.placements if p.code == code]

    def replace(self, day: int, period: MealPeriod, role: str, code: str) -> "WeekPlan":
        """A copy with one slot's dish replaced (a manager's hand edit)."""
        kept = [p for p in self.placements if (p.day, p.period, p.role) != (day, period, role)]
        return WeekPlan.of([*kept, Placement(day, period, role, code)])

    def in_order(self, days: Sequence[int]) -> "WeekPlan":
        """The same meals with day days[0]'s on day 0, days[1]'s on day 1, and so on."""
        new_day = {old: new for new, old in enumerate(days)}
        return WeekPlan.of(Placement(new_day[p.day], p.period, p.role, p.code) for p in self.placements)

    def rotated(self, shift: int, days: int = 7) -> "WeekPlan":
        """The same dishes moved `shift` weekdays later (a hint for next week)."""
        return WeekPlan.of(Placement((p.day + shift) % days, p.period, p.role, p.code)
                           for p in self.placements)
