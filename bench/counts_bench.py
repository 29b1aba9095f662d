"""A month's service-record counts for 20,000 residents (~1.2 M lunches and dinners): time and peak memory.

Generates a fresh SQLite database of service records (plain executemany; foreign keys off, since only the
service_record table is read), then runs each step in its own process so its peak RSS is its own:
  floor      a bare SELECT count(*) over the canteen's month of records
  counts     month_counts: meals, persons and diner-days in total and by category, age band, channel, period
  operating  operating_count for a per-diner-day rule limited to two categories
  us         the US-shaped report (congregate / home-delivered, by age band and a characteristic)
Target (issue 17): under 60 s and 500 MB each, beside the bare count.

Run: .venv/bin/python bench/counts_bench.py [--residents 20000] [--days 30] [--db /tmp/counts-bench.db] [--keep]
     [--url postgresql+psycopg://...] (an existing PostgreSQL database instead; it is emptied first)
"""
from __future__ import annotations

import json
import random
import sys
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from harness import Stopwatch, month_options, print_steps, remove_sqlite  # noqa: E402
from sqlalchemy import create_engine, insert, text  # noqa: E402

from pos import models, schema  # noqa: E402,F401  (every model, so foreign keys resolve)
from pos.db import Database  # noqa: E402

FIRST, NEXT_FIRST = date(2026, 10, 1), date(2026, 11, 1)
BATCH = 50_000
BANDS = ("60_69",) * 4 + ("70_79",) * 3 + ("80_89",) * 2 + ("90_plus",)
CATEGORIES = ([],) * 80 + (["dibao"],) * 8 + (["living_alone"],) * 7 + (["dibao", "living_alone"],) * 3 + (
    ["disabled_care"],) * 2


def generate(url: str, residents: int, days: int) -> int:
    """Lunch and dinner for every resident on every day (a few skipped, 0.5 % voided), 1 % walk-ins."""
    from pos.canteens.services import ensure_canteen
    from pos.servicerecords.models import ServiceRecord

    database = Database(url)
    schema.upgrade(database.engine)
    with database.unit_of_work() as session:
        canteen_id = ensure_canteen(session, "新百汇社区便民餐厅", "main").id
    database.dispose()
    rng = random.Random(17)
    people = [(rng.choice(BANDS), rng.choice(CATEGORIES)) for _ in range(residents)]
    engine = create_engine(url)  # no app hooks: foreign keys stay off for this bulk load
    rows, n = [], 0
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text("SET session_replication_role = replica"))  # skip foreign-key triggers
        for d in range(days):
            day = FIRST + timedelta(days=d)
            for period, hour in (("lunch", 4), ("dinner", 10)):
                served = datetime(day.year, day.month, day.day, hour, tzinfo=timezone.utc)
                for rid in range(1, residents + 1):
                    if rng.random() < 0.02:
                        continue
                    band, cats = people[rid - 1]
                    walk_in = rng.random() < 0.01
                    n += 1
                    rows.append({"canteen_id": canteen_id, "sale_id": n, "resident_id": None if walk_in else rid,
                                 "day": day, "meal_period": period, "identified": "walk_in" if walk_in else "card",
                                 "channel": rng.choices(("dine_in", "pick_up", "delivery"), (8, 1, 1))[0],
                                 "categories": [] if walk_in else cats, "age_band": None if walk_in else band,
                                 "served_at": served, "voided_at": served if rng.random() < 0.005 else None})
                    if len(rows) == BATCH:
                        conn.execute(insert(ServiceRecord.__table__), rows)
                        rows = []
        if rows:
            conn.execute(insert(ServiceRecord.__table__), rows)
    engine.dispose()
    return n


def run_step(step: str, url: str) -> dict:
    """One measured step in this process."""
    from pos.servicerecords.counts import Scope, month_counts, operating_count
    from pos.servicerecords.nutrition_report import nutrition_report
    from subsidy import OperatingRule

    database, extra, watch = Database(url), {}, Stopwatch()
    with database.reader() as session:
        canteen_id = session.scalar(text("SELECT min(id) FROM canteen"))
        scope = Scope(canteen_id, FIRST, NEXT_FIRST)
        if step == "floor":
            extra = {"records": session.scalar(text(
                "SELECT count(*) FROM service_record WHERE canteen_id = :c AND day >= :a AND day < :b"),
                {"c": canteen_id, "a": FIRST, "b": NEXT_FIRST})}
        elif step == "counts":
            c = month_counts(session, scope)
            extra = {"meals": c.total.meals, "persons": c.total.persons, "diner_days": c.total.diner_days,
                     "dibao_meals": c.by_category.get("dibao").meals}
        elif step == "operating":
            rule = OperatingRule("ops", "运营补贴", "Operating", "city", "diner_day", 300,
                                 categories=frozenset({"dibao", "disabled_care"}))
            extra = {"diner_days": operating_count(session, scope, rule)}
        elif step == "us":
            r = nutrition_report(session, scope, "living_alone", "congregate")
            extra = {"congregate": r.services["congregate"].meals, "home": r.services["home_delivered"].meals}
    return watch.row(step, extra)


def main() -> None:
    parser = month_options(__doc__, db="/tmp/counts-bench.db", days=31, steps="floor,counts,operating,us")
    parser.add_argument("--url", help="a PostgreSQL URL instead of --db")
    args = parser.parse_args()
    url = args.url or f"sqlite:///{args.db}"
    if args.child:
        print(json.dumps(run_step(args.child, url)))
        return
    if not args.keep:
        if args.url:
            engine = create_engine(url)
            with engine.begin() as conn:
                conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
            engine.dispose()
        else:
            remove_sqlite(args.db)
        started = time.perf_counter()
        print(f"generated {generate(url, args.residents, args.days)} records in "
              f"{time.perf_counter() - started:.0f} s", flush=True)
    print_steps(args.steps.split(","), ["--url", url] if args.url else ["--db", str(args.db)], width=10)


if __name__ == "__main__":
    main()
