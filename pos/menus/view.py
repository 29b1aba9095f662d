"""A stored week as the manager's grid: days across, meal periods down, labels, problems and nutrition."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import Session

import menu
from menu.explain import fitting
from menu.labels import role_label, weekday_label
from menu.nutrition import day_totals, scaled_targets
from menu.rules import FLAG_LABELS
from pos.menus import settings, stored
from pos.menus.catalog import load_catalog
from pos.menus.models import MenuWeek
from pos.menus.weeks import days_of
from vocabulary import MealPeriod

FLAGS_SHOWN = ("soft", "low_salt", "low_fat", "low_sugar", "spicy")


@dataclass(frozen=True)
class Label:
    """A diet label (软烂, 少盐) or an allergen (含花生)."""

    text: str
    allergen: bool = False


def dish_labels(dish: menu.Dish | None, locale: str, flags: tuple[str, ...] = FLAGS_SHOWN) -> list[Label]:
    """The labels a diner needs: diet flags first, then allergens."""
    if dish is None:
        return []
    en = locale.startswith("en")
    out = [Label(FLAG_LABELS[f][1 if en else 0]) for f in flags if getattr(dish, f)]
    for allergen in sorted(dish.allergens):
        name = allergen.label(locale).split("（")[0]  # 麸质（小麦） -> 麸质: short enough for a poster cell
        out.append(Label(f"contains {name}" if en else f"含{name}", allergen=True))
    return out


@dataclass
class Cell:
    """One slot: its position, its dish and the dishes that may replace it."""

    day: date
    period: str
    slot: str
    role: str
    dish_id: int
    name: str
    pinned: bool
    labels: list[Label]
    options: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class NutritionRow:
    """One nutrient: the week's daily average against its range, and each day's amount."""

    label: str
    average: float
    low: float | None
    high: float | None
    cap: float | None
    days: list[float]

    @property
    def status(self) -> str:
        """low, high or ok."""
        if self.low is not None and self.average < self.low:
            return "low"
        return "high" if self.high is not None and self.average > self.high else "ok"


@dataclass
class WeekView:
    """Everything the manager's page shows for one week."""

    week: str
    days: list[tuple[date, str]]
    periods: list[tuple[str, str]]
    grid: dict[tuple[str, date], list[Cell]]
    status: str
    report: dict
    problems: list[menu.Problem]
    nutrition: list[NutritionRow]

    @property
    def hard(self) -> list[menu.Problem]:
        """Broken rules."""
        return menu.hard_problems(self.problems)

    @property
    def soft(self) -> list[menu.Problem]:
        """Missed targets."""
        return [p for p in self.problems if p.severity == menu.Severity.SOFT]


def week_view(session: Session, week: MenuWeek | None, name: str, locale: str,
              default: tuple[MealPeriod, ...]) -> WeekView:
    """Build the page's view of a week (an empty grid when nothing is planned)."""
    periods = (stored.week_periods(session, week) if week is not None else ()) or default
    rules = settings.load_rules(session, periods)
    catalog = load_catalog(session, days_of(name)[0])
    dishes = catalog.by_code()
    plan = stored.stored_plan(session, week) if week is not None else menu.WeekPlan(())
    days = days_of(name)
    options = {(t.period, r.name): [(catalog.ids[d.code], d.label(locale)) for d in fitting(catalog.dishes, rules,
                                                                                          t.period, r)]
               for t in rules.templates for r in t.roles}
    grid: dict[tuple[str, date], list[Cell]] = {(p.value, d): [] for p in periods for d in days}
    for slot, row in (stored.slot_rows(session, week) if week is not None else []):
        shown = dishes.get(row.code)
        grid.setdefault((slot.meal_period, slot.day), []).append(Cell(
            slot.day, slot.meal_period, slot.slot, role_label(slot.slot, locale), row.id,
            shown.label(locale) if shown else row.name, slot.pinned, dish_labels(shown, locale),
            options.get((MealPeriod(slot.meal_period), slot.slot), [])))
    for (period, _), cells in grid.items():
        cells.sort(key=lambda c: menu.serving_rank(period, c.slot))
    problems = []
    if plan.placements and week is not None:  # a week with dishes is a stored week
        problems = menu.check_plan(plan, catalog.dishes, rules, pins=stored.stored_pins(session, week, periods),
                                   history=stored.history(session, name, rules.recent_weeks))
    return WeekView(name, [(d, weekday_label(d.weekday(), locale)) for d in days],
                    [(p.value, p.label(locale)) for p in periods], grid, week.status if week else "none",
                    week.report if week else {}, problems, nutrition(plan, dishes, rules, locale))


def nutrition(plan: menu.WeekPlan, dishes: dict[str, menu.Dish], rules: menu.Rules, locale: str) -> list[NutritionRow]:
    """The week's nutrition against the targets scaled to the planned periods."""
    rows = []
    for target in scaled_targets(rules):
        totals = day_totals(plan, dishes, target.nutrient, rules.days)

        def show(units: int | None) -> float | None:
            return None if units is None else target.show(units)

        rows.append(NutritionRow(target.nutrient.label(locale), target.show(sum(totals)) / rules.days,
                                 show(target.low), show(target.high), show(target.cap),
                                 [target.show(t) for t in totals]))
    return rows
