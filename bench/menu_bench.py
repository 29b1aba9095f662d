"""Benchmark the weekly menu planner against a greedy baseline: `python bench/menu_bench.py`.

For synthetic catalogs of 100, 300 and 1,000 dishes, lunch only and three
meal periods: time to the first valid plan, time to a plan within 2 % of the
bound, and the full solve (status, objective, bound, gap) under a 10 s limit;
beside the greedy baseline's objective and the hard rules it breaks.
"""
from __future__ import annotations

import argparse
import os

from menu.checker import check_plan, hard_problems
from menu.greedy import greedy_plan
from menu.objective import score_plan
from menu.planner import plan_week
from menu.rules import Rules, three_meals
from menu.synthetic import synthetic_catalog


def gap_run(dishes, rules, *, gap: float, time_limit_s: float, num_workers: int) -> float | None:
    """Seconds until the planner holds a plan within `gap` of its bound, or None."""
    result = plan_week(dishes, rules, time_limit_s=time_limit_s, num_workers=num_workers,
                       relative_gap=gap, explain=False)
    if result.plan is None or result.gap_percent > 100 * gap:
        return None
    return result.wall_seconds


def row(size: int, label: str, rules: Rules, args: argparse.Namespace) -> list[str]:
    """Measure one catalog size and rule set; return the table cells."""
    dishes = synthetic_catalog(size, seed=args.seed)
    result = plan_week(dishes, rules, time_limit_s=args.time_limit, num_workers=args.workers,
                       seed=args.seed, explain=False)
    greedy = greedy_plan(dishes, rules)
    broken = len(hard_problems(check_plan(greedy, dishes, rules)))
    if result.plan is None:
        reason = result.problems[0].message("en") if result.problems else result.status
        return [str(size), label, "-", "-", result.status, "-", "-", "-", f"{result.wall_seconds:.2f}",
                str(score_plan(greedy, dishes, rules)), str(broken), reason[:60]]
    own_broken = len(hard_problems(check_plan(result.plan, dishes, rules)))
    two = gap_run(dishes, rules, gap=0.02, time_limit_s=args.time_limit, num_workers=args.workers)
    return [str(size), label, f"{result.first_solution_seconds:.2f}", "-" if two is None else f"{two:.2f}",
            result.status, str(result.objective), f"{result.bound:.0f}", f"{result.gap_percent:.2f}",
            f"{result.wall_seconds:.2f}", str(score_plan(greedy, dishes, rules)), str(broken),
            f"planner breaks {own_broken}"]


HEADER = ["dishes", "periods", "first plan s", "<=2% gap s", "status", "objective", "bound", "gap %",
          "wall s", "greedy obj", "greedy broken", "note"]


def main() -> None:
    """Run every configuration and print a table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--time-limit", type=float, default=10.0)
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 300, 1000])
    args = parser.parse_args()
    rows = [HEADER]
    for size in args.sizes:
        for label, rules in (("lunch", Rules()), ("3 meals", three_meals())):
            rows.append(row(size, label, rules, args))
            print(" | ".join(rows[-1]), flush=True)
    widths = [max(len(r[i]) for r in rows) for i in range(len(HEADER))]
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"\n{os.cpu_count()} cores, load average {load}; {args.workers} CP-SAT workers, {args.time_limit:g} s limit")
    for r in rows:
        print(" | ".join(cell.ljust(w) for cell, w in zip(r, widths)))


if __name__ == "__main__":
    main()
