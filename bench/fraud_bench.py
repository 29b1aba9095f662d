"""The fraud report for the claim benchmark's month (~1.2 M meals of 20,000 residents): time and peak memory.

Generates the claim benchmark's database (bench/claim_bench.py: sales, subsidy lines, ledger) into a file of its
own, then gives the sales what a counter records and that generator leaves out: six cashiers at four counters and a
mix of identification (card 90 %, dynamic QR 5 %, identity check 3 %, printed pass 2 %), and writes their service
records with one INSERT ... SELECT from sale, shaped as pos/servicerecords/writing.record_service writes them
(categories and age band on the day). Twenty residents are marked deceased on 20 October (their later meals are
findings). Then, each step in its own process so its peak RSS is its own:
  floor    a bare SELECT count(*) over the month's service records of the canteen
  report   the whole fraud report (pos.fraud.services.fraud_report): six checks, evidence, names
  <check>  one check alone: after_leaving, double_meal, card_surge, identity_share, closed_hours, cashier_share
Target (issue 17): the report under 60 s and 500 MB.

Run: .venv/bin/python bench/fraud_bench.py [--residents 20000] [--days 30] [--db /tmp/fraud-bench.db] [--keep]
     [--steps floor,report,after_leaving,...]
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from datetime import date, datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from sqlalchemy import text  # noqa: E402

from pos import models, schema  # noqa: E402,F401  (every model, so foreign keys resolve)
from pos.db import Database  # noqa: E402

CASHIERS, COUNTERS, DECEASED = 6, 4, 20
CHECK_STEPS = ("after_leaving", "double_meal", "card_surge", "identity_share", "closed_hours", "cashier_share")

# The sale's counter, cashier and identification, as a counter would have recorded them (the claim generator
# writes every sale as a card sale with no counter or cashier): four of the six cashiers on each day, one a counter.
AT_THE_COUNTER = """
UPDATE sale SET terminal_id = CASE sale.id % {counters} {terminals} END,
  cashier_id = CASE (sale.id % {counters} + CAST(julianday(sale.business_date) AS INTEGER)) % {cashiers} {staff} END,
  credential_kind = CASE WHEN sale.id % 100 < 90 THEN 'card' WHEN sale.id % 100 < 95 THEN 'qr'
                         WHEN sale.id % 100 < 98 THEN 'identity_check' ELSE 'qr_static' END
"""

# record_service's row for each sale: the resident's categories valid that day (sorted JSON list) and age band.
SERVICE_RECORDS = """
INSERT INTO service_record (canteen_id, sale_id, resident_id, day, meal_period, channel, identified, categories,
                            age_band, terminal_id, staff_id, served_at, voided_at)
SELECT s.canteen_id, s.id, s.resident_id, s.business_date, s.meal_period, s.channel, s.credential_kind,
  CASE WHEN EXISTS (SELECT 1 FROM resident_category c WHERE c.resident_id = s.resident_id
                    AND c.category_code = 'dibao' AND (c.valid_from IS NULL OR c.valid_from <= s.business_date)
                    AND (c.valid_to IS NULL OR c.valid_to >= s.business_date)) THEN '["dibao"]' ELSE '[]' END,
  CASE WHEN a.age < 60 THEN 'under_60' WHEN a.age < 70 THEN '60_69' WHEN a.age < 80 THEN '70_79'
       WHEN a.age < 90 THEN '80_89' ELSE '90_plus' END,
  s.terminal_id, s.cashier_id, s.sold_at, NULL
FROM sale s JOIN (
  SELECT s2.id AS sale_id, CAST(strftime('%Y', s2.business_date) AS INTEGER) - CAST(strftime('%Y', r.birth_date)
    AS INTEGER) - (strftime('%m-%d', s2.business_date) < strftime('%m-%d', r.birth_date)) AS age
  FROM sale s2 JOIN resident r ON r.id = s2.resident_id) a ON a.sale_id = s.id
ORDER BY s.id
"""


def add_counters(database: Database) -> tuple[list[int], list[int]]:
    """Six cashiers and four counters, through the normal services; their ids."""
    from pos.auth.services import create_user
    from pos.terminals.services import add_terminal

    with database.unit_of_work() as session:
        staff = [create_user(session, f"cashier{i}", "bench-password", "cashier", f"收银员{i}").id
                 for i in range(1, CASHIERS + 1)]
        terminals = [add_terminal(session, f"counter-{i}")[0].id for i in range(1, COUNTERS + 1)]
    return staff, terminals


def write_service_records(database: Database) -> int:
    """Counters, cashiers and identification on the sales, then one service record per sale; a few deaths."""
    from claim_bench import writer

    staff, terminals = add_counters(database)
    with writer(database) as conn:
        conn.execute(text(AT_THE_COUNTER.format(
            counters=COUNTERS, cashiers=CASHIERS, terminals=_when(terminals), staff=_when(staff))))
        conn.execute(text(SERVICE_RECORDS))
        conn.execute(text("UPDATE resident SET status = 'deceased', status_date = :day WHERE id % 1000 = 7"),
                     {"day": date(2026, 10, 20)})
        return int(conn.execute(text("SELECT count(*) FROM service_record")).scalar_one())


def _when(ids: list[int]) -> str:
    """CASE branches choosing the n-th id."""
    return " ".join(f"WHEN {n} THEN {i}" for n, i in enumerate(ids))


def run_step(step: str, url: str) -> dict:
    """One measured step in this process."""
    from claim_bench import MONTH

    from pos.canteens.services import main_canteen
    from pos.fraud import checks
    from pos.fraud.services import fraud_report, scope_of
    from pos.statements.periods import Month

    database, month = Database(url), Month(*MONTH)
    started, cpu = time.perf_counter(), time.process_time()
    with database.reader() as session:
        canteen = main_canteen(session)
        assert canteen is not None
        scope = scope_of(canteen, month, "Asia/Shanghai")
        if step == "floor":
            n = session.execute(text("SELECT count(*) FROM service_record WHERE canteen_id = :c AND day >= :a "
                                     "AND day < :b"), {"c": canteen.id, "a": month.first, "b": month.next_first})
            extra: dict[str, object] = {"records": n.scalar_one()}
        elif step == "report":
            report = fraud_report(session, scope)
            extra = {check: len(found) for check, found in report.by_check() if found}
            extra["evidence_meals"] = sum(len(f.meals) for f in report.findings)
        else:
            found = getattr(checks, step)(session, scope)
            extra = {"findings": len(found)}
    seconds = time.perf_counter() - started
    return {"step": step, "wall_s": round(seconds, 1), "cpu_s": round(time.process_time() - cpu, 1),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024), **extra}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--residents", type=int, default=20_000)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--db", type=Path, default=Path("/tmp/fraud-bench.db"))
    parser.add_argument("--keep", action="store_true", help="reuse an existing database")
    parser.add_argument("--steps", default="floor,report," + ",".join(CHECK_STEPS))
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    url = f"sqlite:///{args.db}"
    if args.child:
        print(json.dumps(run_step(args.child, url)))
        return
    if not (args.keep and args.db.exists()):
        from claim_bench import generate

        for suffix in ("", "-wal", "-shm"):
            Path(f"{args.db}{suffix}").unlink(missing_ok=True)
        database = Database(url)
        schema.upgrade(database.engine)
        started = time.perf_counter()
        counts = generate(database, args.residents, args.days)
        print(f"generated {counts} in {time.perf_counter() - started:.0f} s")
        started = time.perf_counter()
        records = write_service_records(database)
        print(f"wrote {records:,} service records in {time.perf_counter() - started:.0f} s")
        with database.engine.connect() as conn:  # fresh statistics, as a maintained database has
            conn.exec_driver_sql("ANALYZE")
        database.dispose()
    print(f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC; load average {os.getloadavg()[0]:.1f} on "
          f"{os.cpu_count()} cores (other load inflates wall time)")
    print(f"{'step':<15}{'wall s':>8}{'CPU s':>7}{'peak MB':>9}  figures")
    for step in args.steps.split(","):
        done = subprocess.run([sys.executable, __file__, "--db", str(args.db), "--child", step], check=True,
                              capture_output=True, text=True)
        r = json.loads(done.stdout.strip().splitlines()[-1])
        rest = {k: v for k, v in r.items() if k not in ("step", "wall_s", "cpu_s", "peak_rss_mb")}
        print(f"{r['step']:<15}{r['wall_s']:>8}{r['cpu_s']:>7}{r['peak_rss_mb']:>9}  {rest}", flush=True)


if __name__ == "__main__":
    main()
