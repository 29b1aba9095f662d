"""The kitchen's counts for a lunch of 5,000 booked residents, beside a floor.

Seeds a temporary SQLite database (made by the migrations; rows inserted through the models' tables) with
5,000 residents, each with a booked lunch on DAY: a third the set meal (every dish of the day), the rest two
or three chosen dishes of one to three portions; one in four residents with a texture need (soft, minced),
others diabetic or low-salt, one in six with allergens. Noise the counts must leave out: 1,000 cancelled
lunches, 2,000 dinners and 1,000 lunches of the next day. Then times pos.kitchen.counts.count_kitchen
(two statements and the grouping in Python) beside
  floor   a bare COUNT(*) of the same live lunch's order lines on the same connection
and checks that the counts equal a direct SUM of the lines' portions; then the whole kitchen sheet (the counts and
the PDF with every order to watch, as /kitchen/<day>/<period>.pdf makes it).
Target (issue 16): under 5 s. Figures are the median and the slowest of --repeat runs.

Run: .venv/bin/python bench/kitchen_counts.py [--residents 5000] [--repeat 10] [--url URL]
     (--url: an empty database to use instead, e.g. a PostgreSQL one; it is migrated first)
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select, text  # noqa: E402

from pos import models, schema  # noqa: E402,F401  (every model, so foreign keys resolve)
from pos.db import Database  # noqa: E402

T = TypeVar("T")
DAY = date(2026, 12, 10)
DISHES = (("红烧肉", "meat", "soy"), ("清蒸鲈鱼", "meat", "fish"), ("清炒油菜", "vegetable", ""),
          ("番茄炒蛋", "tofu_egg", "egg"), ("米饭", "staple", ""), ("紫菜蛋花汤", "soup", "egg"))
DIETS: tuple[list[str], ...] = ([], [], [], ["soft"], ["minced"], ["soft", "low_salt"], ["diabetic"], ["low_salt"])
ALLERGENS: tuple[list[str], ...] = ([], [], [], [], [], ["soy"], ["fish", "egg"])


def seed(database: Database, count: int) -> int:
    """Residents, dishes and orders; returns how many live lunches were booked."""
    from pos.canteens.services import ensure_canteen
    from pos.dishes.models import Dish
    from pos.orders.models import MealOrder, MealOrderLine
    from pos.residents.id_number import make_id_number
    from pos.residents.models import Resident

    rng = random.Random(16)
    with database.unit_of_work() as session:
        ensure_canteen(session, "基准测试食堂")
        dishes = [Dish(code=f"K{n}", name=name, category=category, attributes={"allergens": allergens})
                  for n, (name, category, allergens) in enumerate(DISHES)]
        session.add_all(dishes)
        session.flush()
        dish_ids = [d.id for d in dishes]
    residents: list[dict] = []
    orders: list[dict] = []
    lines: list[dict] = []
    booked_at = datetime(2026, 12, 9, 8, 0)

    def order(resident: int, day: date, period: str, status: str, set_meal: bool) -> None:
        orders.append({"id": len(orders) + 1, "resident_id": resident, "day": day, "meal_period": period,
                       "channel": rng.choice(("dine_in", "dine_in", "pick_up", "delivery")), "status": status,
                       "set_meal": set_meal, "booked_at": booked_at,
                       "cancelled_at": booked_at if status == "cancelled" else None})
        chosen = [(d, 1) for d in dish_ids] if set_meal else [
            (d, rng.randint(1, 3)) for d in rng.sample(dish_ids, rng.choice((2, 3)))]
        lines.extend({"order_id": len(orders), "dish_id": d, "qty": q} for d, q in chosen)

    for i in range(1, count + 1):
        born = date(rng.randint(1931, 1960), rng.randint(1, 12), rng.randint(1, 28))
        residents.append({"id": i, "name": f"居民{i}", "id_number": make_id_number(f"1410{i // 1000 % 100:02d}", born,
                                                                              i % 1000),
                          "birth_date": born, "sex": "MF"[i % 2], "status": "active", "qr_last_step": 0,
                          "qr_static_issue": 1, "created_at": datetime(2026, 1, 1), "diet": rng.choice(DIETS),
                          "allergens": rng.choice(ALLERGENS)})
        if i <= count // 5:
            order(i, DAY, "lunch", "cancelled", False)  # cancelled, then booked again below
        order(i, DAY, "lunch", "booked", i % 3 == 0)
        if i % 5 < 2:
            order(i, DAY, "dinner", "booked", i % 2 == 0)
        if i % 5 == 4:
            order(i, DAY + timedelta(days=1), "lunch", "booked", True)
    with database.engine.execution_options(canteen_write=True).begin() as conn:
        conn.execute(Resident.__table__.insert(), residents)
        conn.execute(MealOrder.__table__.insert(), orders)
        conn.execute(MealOrderLine.__table__.insert(), lines)
    with database.engine.connect() as conn:  # planner statistics, as a database in use has them
        conn.execute(text("ANALYZE"))
        conn.commit()
    return count


def timed(action: Callable[[], T], repeat: int) -> tuple[float, float, T]:
    """Median and slowest milliseconds of `repeat` runs (after one to warm up), and the last result."""
    result = action()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), max(times), result


def report(database: Database, booked: int, repeat: int) -> None:
    from pos.kitchen.counts import count_kitchen
    from pos.kitchen.sheet import kitchen_pdf
    from pos.orders.models import MealOrder, MealOrderLine

    live = (MealOrder.day == DAY, MealOrder.meal_period == "lunch", MealOrder.status.in_(("booked", "served")))
    with database.reader() as session:
        def floor() -> int | None:
            return session.scalar(select(func.count()).select_from(MealOrderLine)
                                  .join(MealOrder, MealOrder.id == MealOrderLine.order_id).where(*live))

        floor_median, floor_max, line_count = timed(floor, repeat)
        median, slowest, counts = timed(lambda: count_kitchen(session, DAY, "lunch"), repeat)
        portions = session.scalar(select(func.sum(MealOrderLine.qty))
                                  .join(MealOrder, MealOrder.id == MealOrderLine.order_id).where(*live))
        assert counts.meals == booked, (counts.meals, booked)
        assert counts.portions == portions, (counts.portions, portions)
        print(f"{'query':44} {'median ms':>10} {'max ms':>8}")
        print(f"{'floor: COUNT(*) of the lunch order lines':44} {floor_median:10.1f} {floor_max:8.1f}  "
              f"({line_count:,} lines)")
        print(f"{'kitchen counts (count_kitchen)':44} {median:10.1f} {slowest:8.1f}  "
              f"({counts.meals:,} meals, {counts.portions:,} portions, {len(counts.flagged):,} orders to watch)")
        sheet_median, sheet_max, pdf = timed(
            lambda: kitchen_pdf(count_kitchen(session, DAY, "lunch"), "基准测试食堂", datetime(2026, 12, 10, 8)),
            max(1, repeat // 5))
        print(f"{'the sheet: counts and the A4 PDF':44} {sheet_median:10.1f} {sheet_max:8.1f}  "
              f"({len(pdf) // 1024:,} KB)")
        print(f"counts equal the orders: {counts.meals:,} meals, {portions:,} portions; "
              f"target under 5,000 ms: {'met' if slowest < 5000 else 'MISSED'}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--residents", type=int, default=5_000)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--url", help="an empty database to use instead of a temporary SQLite file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        database = Database(args.url or f"sqlite:///{folder}/kitchen-bench.db", pool_size=2)
        schema.upgrade(database.engine)
        started = time.perf_counter()
        booked = seed(database, args.residents)
        print(f"{args.residents:,} residents with a booked lunch seeded in {time.perf_counter() - started:.1f} s "
              f"({database.engine.dialect.name})")
        try:
            report(database, booked, args.repeat)
        finally:
            database.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
