"""What the planner said, kept as JSON on the week: status, optimality or gap, shortfalls, reasons."""
from __future__ import annotations

from typing import Iterable

from menu import PlanResult, Problem
from vocabulary import MealPeriod

LOCALES = ("zh_CN", "en")


def problem_json(problem: Problem) -> dict:
    """A problem with its message in both languages, so the stored report reads without the planner."""
    return {"code": problem.code, "severity": problem.severity.value,
            "zh_CN": problem.message("zh_CN"), "en": problem.message("en")}


def problems_json(problems: Iterable[Problem]) -> list[dict]:
    """Problems as JSON."""
    return [problem_json(p) for p in problems]


def plan_report(result: PlanResult, periods: tuple[MealPeriod, ...], skipped: tuple[str, ...] = (),
                pins: int = 0) -> dict:
    """The report stored on the week after planning."""
    return {
        "status": result.status,
        "proven_optimal": result.status == "optimal",
        "objective": result.objective,
        "bound": result.bound,
        "gap_percent": None if result.gap_percent is None else round(result.gap_percent, 2),
        "wall_seconds": round(result.wall_seconds, 2),
        "first_solution_seconds": (None if result.first_solution_seconds is None
                                   else round(result.first_solution_seconds, 2)),
        "summary": {locale: result.summary(locale) for locale in LOCALES},
        "problems": problems_json(result.problems),
        "periods": [p.value for p in periods],
        "pins": pins,
        "skipped_dishes": list(skipped),
    }


def message(problem: dict, locale: str) -> str:
    """A stored problem's message in `locale`."""
    return problem["en"] if str(locale).startswith("en") else problem["zh_CN"]
