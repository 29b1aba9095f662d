"""The residents list with 20,000 residents: listing, searching and filtering, against a floor.

Seeds a temporary SQLite database (made by the migrations; rows inserted through the models' tables,
so each resident's search keys are computed as the app computes them) with 20,000 residents, a card,
a wallet each and a category for one in five, then times each query of the /residents page as
pos.enrolment.directory.find_residents runs it (count, page of ids, the page's rows: four more queries):
  floor          a bare page of 50 ids by primary key on the same connection
  list p1, p200  the list in pinyin order, first page and a deep one (OFFSET 9,950)
  name           a part of a name, 桂兰 (LIKE '%…%': a scan of the names)
  initials       zgl (a range on the initials index)
  last 4         the last four digits of an ID number (the indexed last four)
  card           a card number as a keyboard reader types it (10-digit decimal)
  category, status  the filters alone
  LIKE suffix    for comparison: the last four as LIKE '%1234' on the ID and phone numbers, no index
Target (issue 14): under 200 ms each. Figures are the median and the slowest of --repeat runs.

Run: .venv/bin/python bench/residents_bench.py [--residents 20000] [--repeat 20] [--url URL]
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
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, or_, select, text  # noqa: E402

from pos import models, schema  # noqa: E402,F401  (every model, so foreign keys resolve)
from pos.db import Database  # noqa: E402

SURNAMES = "张王李赵刘陈杨黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎"
GIVEN = "桂兰秀英明德华芳玉珍淑贵福海建国志强春梅丽娟文杰金凤永红素云宝山"
TODAY = date(2026, 11, 30)


def seed(database: Database, count: int) -> dict:
    """Residents with cards, wallets and categories; returns what the searches look for."""
    from pos.credentials.models import Card
    from pos.ledger.models import Account
    from pos.residents.id_number import make_id_number
    from pos.residents.models import Resident, ResidentCategory, SubsidyCategory

    rng = random.Random(14)
    rows, cards = [], []
    for i in range(1, count + 1):
        born = date(rng.randint(1931, 1965), rng.randint(1, 12), rng.randint(1, 28))
        name = "张桂兰" if i == count // 2 else (rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.choice((1, 2)))))
        rows.append({"id": i, "name": name, "id_number": make_id_number(f"1410{i // 1000 % 100:02d}", born, i % 1000),
                     "birth_date": born, "sex": "MF"[i % 2], "phone": f"139{rng.randrange(10**8):08d}",
                     "status": "active" if i % 50 else "moved_away", "status_date": None if i % 50 else TODAY,
                     "qr_last_step": 0, "qr_static_issue": 1, "created_at": datetime(2026, 1, 1)})
        cards.append({"uid": f"{0x04000000 + i:08X}", "resident_id": i, "status": "active", "deposit_fen": 0,
                      "issued_at": datetime(2026, 1, 1)})
    with database.engine.execution_options(canteen_write=True).begin() as conn:
        conn.execute(Resident.__table__.insert(), rows)
        conn.execute(Card.__table__.insert(), cards)
        conn.execute(Account.__table__.insert(), [
            {"code": f"wallet:{i}", "kind": "wallet", "resident_id": i, "balance_fen": 5000} for i in range(1, count + 1)])
        conn.execute(ResidentCategory.__table__.insert(), [
            {"resident_id": i, "category_code": "dibao", "valid_from": date(2026, 1, 1), "proof_note": ""}
            for i in range(1, count + 1, 5)])
        assert conn.scalar(select(func.count()).select_from(SubsidyCategory)) >= 8
    with database.engine.connect() as conn:  # planner statistics, as a database in use has them
        conn.execute(text("ANALYZE"))
        conn.commit()
    middle = rows[count // 2 - 1]
    return {"id_last4": middle["id_number"][-4:], "card": f"{0x04000000 + count // 3:010d}"}


def timed(action: Callable[[], object], repeat: int) -> tuple[float, float, object]:
    """Median and slowest milliseconds of `repeat` runs (after one to warm up), and the last result."""
    result = action()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), max(times), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--residents", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--url", help="an empty database to use instead of a temporary SQLite file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.url or f"sqlite:///{folder}/residents-bench.db"
        database = Database(url, pool_size=2)
        schema.upgrade(database.engine)
        started = time.perf_counter()
        keys = seed(database, args.residents)
        print(f"{args.residents:,} residents seeded in {time.perf_counter() - started:.1f} s "
              f"({database.engine.dialect.name})")
        try:
            report(database, keys, args.repeat)
        finally:
            database.dispose()
    return 0


def report(database: Database, keys: dict, repeat: int) -> None:
    from pos.enrolment.directory import ResidentQuery, find_residents
    from pos.residents.models import Resident

    with database.reader() as session:
        def page(**query) -> Callable[[], object]:
            return lambda: find_residents(session, ResidentQuery(**query), TODAY)

        def floor() -> object:
            return session.scalars(select(Resident.id).order_by(Resident.id).limit(50)).all()

        def like_suffix() -> object:
            tail = keys["id_last4"]
            return session.scalars(select(Resident.id).where(or_(Resident.id_number.like(f"%{tail}"),
                                                                 Resident.phone.like(f"%{tail}")))).all()

        cases = [("floor: 50 ids by primary key", floor, None),
                 ("list, page 1", page(), None), ("list, page 200", page(page=200), None),
                 ("search name 桂兰", page(text="桂兰"), None), ("search initials zgl", page(text="zgl"), None),
                 (f"search last 4 {keys['id_last4']}", page(text=keys["id_last4"]), None),
                 (f"search card {keys['card']}", page(text=keys["card"]), None),
                 ("filter category dibao", page(category="dibao"), None),
                 ("filter status moved_away", page(status="moved_away"), None),
                 ("compare: LIKE '%1234' on ID and phone", like_suffix, None)]
        print(f"{'query':42} {'median ms':>10} {'max ms':>8}  found")
        for label, action, _ in cases:
            median, slowest, result = timed(action, repeat)
            found = getattr(result, "total", None)
            found = found if found is not None else len(result)  # type: ignore[arg-type]
            print(f"{label:42} {median:10.1f} {slowest:8.1f}  {found}")
        session.execute(text("SELECT 1"))


if __name__ == "__main__":
    sys.exit(main())
