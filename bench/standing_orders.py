"""Generating a day's standing orders for 5,000 residents (issue 16), beside a floor.

Seeds a temporary SQLite database (made by the migrations) with 5,000 residents, each with an "every weekday
lunch, delivered" standing order; one in twenty paused that day, one in fifty already booked by hand; a published
lunch of two dishes. Then times, each on the same data:
  floor     a bare INSERT of the same meal_order rows (RETURNING their ids) and their lines, rolled back
  generate  pos.orders.generation.generate_orders at the lunch cut-off: reads the due standing orders, the
            pauses, the live orders and the residents, inserts the orders and lines, one audit row
  again     the same run a second time: books nothing (idempotent)
Target (issue 16): under 5 s.

Run: .venv/bin/python bench/standing_orders.py [--residents 5000] [--url URL]
     (--url: an empty database to use instead, e.g. a PostgreSQL one; it is migrated first)
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from datetime import time as dtime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import insert  # noqa: E402

from pos import models, schema  # noqa: E402,F401  (every model, so foreign keys resolve)
from pos.db import Database  # noqa: E402

ZONE = "Asia/Shanghai"
DAY = date(2026, 12, 10)  # a Thursday
CUTOFF = datetime.combine(DAY, dtime(9, 30), ZoneInfo(ZONE))
MADE = datetime(2026, 12, 1, 2, 0, tzinfo=ZoneInfo("UTC"))


def seed(database: Database, count: int) -> None:
    """Residents, their standing orders, pauses and hand bookings, and the day's published lunch."""
    from pos.canteens.services import ensure_canteen
    from pos.dishes.models import Dish, DishPrice
    from pos.menus.models import MenuSlot, MenuWeek
    from pos.menus.weeks import monday_of, week_of
    from pos.orders.models import MealOrder, MealOrderLine
    from pos.orders.standing_models import WEEKDAYS, OrderPause, StandingOrder
    from pos.residents.id_number import make_id_number
    from pos.residents.models import Resident

    with database.unit_of_work() as session:
        canteen = ensure_canteen(session, "基准食堂")
        dishes = [Dish(code=f"B{n}", name=name, category=category) for n, (name, category) in
                  enumerate((("红烧肉", "meat"), ("清炒油菜", "vegetable")))]
        session.add_all(dishes)
        session.flush()
        session.add_all(DishPrice(dish_id=d.id, price_fen=price, effective_from=date(2000, 1, 1))
                        for d, price in zip(dishes, (800, 400), strict=True))
        week = MenuWeek(week=week_of(DAY), monday=monday_of(week_of(DAY)), status="published")
        session.add(week)
        session.flush()
        session.add_all(MenuSlot(week_id=week.id, day=DAY, meal_period="lunch", slot=slot, dish_id=d.id)
                        for slot, d in zip(("meat", "vegetable"), dishes, strict=True))
        canteen_id, pork = canteen.id, dishes[0].id
    ids = range(1, count + 1)
    with database.engine.execution_options(canteen_write=True).begin() as conn:
        conn.execute(Resident.__table__.insert(), [
            {"id": i, "name": f"居民{i}", "id_number": make_id_number(f"1410{i // 1000 % 100:02d}", date(1950, 1, 1),
                                                                     i % 1000),
             "birth_date": date(1950, 1, 1), "sex": "MF"[i % 2], "phone": "", "status": "active",
             "qr_last_step": 0, "qr_static_issue": 1, "created_at": MADE} for i in ids])
        conn.execute(StandingOrder.__table__.insert(), [
            {"canteen_id": canteen_id, "resident_id": i, "meal_period": "lunch", "channel": "delivery",
             "weekdays": WEEKDAYS, "set_meal": True, "starts_on": date(2026, 12, 1), "active": True,
             "created_at": MADE} for i in ids])
        conn.execute(OrderPause.__table__.insert(), [
            {"canteen_id": canteen_id, "resident_id": i, "from_day": DAY - timedelta(days=1), "to_day": DAY,
             "reason": "住院", "created_at": MADE} for i in ids if i % 20 == 0])
        hand = conn.execute(insert(MealOrder.__table__).returning(MealOrder.__table__.c.id), [
            {"canteen_id": canteen_id, "resident_id": i, "day": DAY, "meal_period": "lunch", "channel": "dine_in",
             "status": "booked", "set_meal": False, "booked_at": MADE} for i in ids if i % 50 == 1]).scalars().all()
        conn.execute(MealOrderLine.__table__.insert(), [{"order_id": o, "dish_id": pork, "qty": 1} for o in hand])


def floor(database: Database, count: int) -> tuple[float, int]:
    """Seconds to insert the same orders and lines bare, rolled back; how many orders."""
    from pos.orders.models import MealOrder, MealOrderLine

    table = MealOrder.__table__
    rows = [{"canteen_id": 1, "resident_id": i, "day": DAY + timedelta(days=1), "meal_period": "lunch",
             "channel": "delivery", "status": "booked", "set_meal": True, "booked_at": CUTOFF,
             "standing_order_id": i} for i in range(1, count + 1) if i % 20 and i % 50 != 1]
    started = time.perf_counter()
    with database.engine.execution_options(canteen_write=True).connect() as conn:
        transaction = conn.begin()
        ids = conn.execute(insert(table).returning(table.c.id), rows).scalars().all()
        conn.execute(MealOrderLine.__table__.insert(), [
            {"order_id": o, "dish_id": d, "qty": 1} for o in ids for d in (1, 2)])
        seconds = time.perf_counter() - started
        transaction.rollback()
    return seconds, len(ids)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--residents", type=int, default=5_000)
    parser.add_argument("--url", help="an empty database to use instead of a temporary SQLite file")
    args = parser.parse_args()
    from pos.orders.generation import generate_orders

    with tempfile.TemporaryDirectory() as folder:
        database = Database(args.url or f"sqlite:///{folder}/standing-bench.db", pool_size=2)
        try:
            schema.upgrade(database.engine)
            started = time.perf_counter()
            seed(database, args.residents)
            print(f"{args.residents:,} residents with standing orders seeded in {time.perf_counter() - started:.1f} s "
                  f"({database.engine.dialect.name})")
            seconds, rows = floor(database, args.residents)
            print(f"floor     {seconds:6.3f} s  bare insert of {rows:,} orders and {2 * rows:,} lines")
            for label in ("generate", "again"):
                started = time.perf_counter()
                result = generate_orders(database, DAY, "lunch", CUTOFF, ZONE)
                print(f"{label:9} {time.perf_counter() - started:6.3f} s  {result.counts()}")
        finally:
            database.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
