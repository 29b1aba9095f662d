"""Benchmark the weekly menu planner against a greedy baseline: `python bench/menu_bench.py`.

For synthetic catalogs of 100, 300 and 1,000 dishes, lunch only and three
meal periods: time to the first valid plan, time to a plan within 2 % of the
bound, and the full solve (status, objective, bound, gap) under a 10 s limit;
beside the greedy baseline's objective and the hard rules it breaks. "lunch, wk 2"
plans the week after a planned one, under its rotation and recency rules.
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


def gap_run(dishes, rules, *, gap: float, time_limit_s: float, num_workers: int, history=()) -> float | None:
    """Seconds until the planner holds a plan within `gap` of its bound, or None."""
    result = plan_week(dishes, rules, history=history, time_limit_s=time_limit_s, num_workers=num_workers,
                       relative_gap=gap, explain=False)
    if result.plan is None or result.gap_percent > 100 * gap:
        return None
    return result.wall_seconds


def row(size: int, label: str, rules: Rules, args: argparse.Namespace, second_week: bool = False) -> list[str]:
    """Measure one catalog size and rule set (the week after a planned one: with its rotation
    and recency rules); return the table cells."""
    dishes = synthetic_catalog(size, seed=args.seed)
    history = []
    if second_week:
        first = plan_week(dishes, rules, time_limit_s=args.time_limit, num_workers=args.workers, explain=False)
        history = [first.plan] if first.plan is not None else []
    result = plan_week(dishes, rules, history=history, time_limit_s=args.time_limit, num_workers=args.workers,
                       seed=args.seed, explain=False)
    greedy = greedy_plan(dishes, rules, history=history)
    broken = len(hard_problems(check_plan(greedy, dishes, rules, history=history)))
    if result.plan is None:
        reason = result.problems[0].message("en") if result.problems else result.status
        return [str(size), label, "-", "-", result.status, "-", "-", "-", f"{result.wall_seconds:.2f}",
                str(score_plan(greedy, dishes, rules, history)), str(broken), reason[:60]]
    own_broken = len(hard_problems(check_plan(result.plan, dishes, rules, history=history)))
    two = gap_run(dishes, rules, gap=0.02, time_limit_s=args.time_limit, num_workers=args.workers, history=history)
    return [str(size), label, f"{result.first_solution_seconds:.2f}", "-" if two is None else f"{two:.2f}",
            result.status, str(result.objective), f"{result.bound:.0f}", f"{result.gap_percent:.2f}",
            f"{result.wall_seconds:.2f}", str(score_plan(greedy, dishes, rules, history)), str(broken),
            f"planner breaks {own_broken}"]


def sweep(args: argparse.Namespace) -> None:
    """300 dishes, lunch only, on catalogs of seeds 1..N: how often and how fast proven optimal."""
    times = []
    for seed in range(1, args.sweep + 1):
        result = plan_week(synthetic_catalog(300, seed=seed), Rules(), time_limit_s=args.time_limit,
                           num_workers=args.workers, seed=seed, explain=False)
        times.append(result.wall_seconds if result.status == "optimal" else None)
        print(f"seed {seed}: {result.status}, gap {result.gap_percent:.2f} %, {result.wall_seconds:.2f} s", flush=True)
    proven = sorted(t for t in times if t is not None)
    within = sum(1 for t in proven if t <= 5.0)
    print(f"\nproven optimal on {len(proven)} of {len(times)} catalogs, {within} within 5 s; "
          f"median {proven[len(proven) // 2]:.2f} s, slowest {proven[-1]:.2f} s" if proven else "none proven")


HEADER = ["dishes", "periods", "first plan s", "<=2% gap s", "status", "objective", "bound", "gap %",
          "wall s", "greedy obj", "greedy broken", "note"]


def main() -> None:
    """Run every configuration and print a table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--time-limit", type=float, default=10.0)
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 300, 1000])
    parser.add_argument("--sweep", type=int, default=0, metavar="N",
                        help="instead: the 5 s target (300 dishes, lunch, proven optimal) on N catalogs")
    args = parser.parse_args()
    if args.sweep:
        sweep(args)
        return
    rows = [HEADER]
    for size in args.sizes:
        for label, rules, second in (("lunch", Rules(), False), ("lunch, wk 2", Rules(), True),
                                     ("3 meals", three_meals(), False)):
            rows.append(row(size, label, rules, args, second))
            print(" | ".join(rows[-1]), flush=True)
    widths = [max(len(r[i]) for r in rows) for i in range(len(HEADER))]
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"\n{os.cpu_count()} cores, load average {load}; {args.workers} CP-SAT workers, {args.time_limit:g} s limit")
    for r in rows:
        print(" | ".join(cell.ljust(w) for cell, w in zip(r, widths)))


if __name__ == "__main__":
    main()
