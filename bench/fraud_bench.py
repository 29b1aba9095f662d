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

import sys
import time
from datetime import date, datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from harness import Stopwatch, load_average, month_main, write_service_records  # noqa: E402
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

def add_counters(database: Database) -> tuple[list[int], list[int]]:
    """Six cashiers and four counters, through the normal services; their ids."""
    from pos.auth.services import create_user
    from pos.terminals.services import add_terminal

    with database.unit_of_work() as session:
        staff = [create_user(session, f"cashier{i}", "bench-password", "cashier", f"收银员{i}").id
                 for i in range(1, CASHIERS + 1)]
        terminals = [add_terminal(session, f"counter-{i}")[0].id for i in range(1, COUNTERS + 1)]
    return staff, terminals


def at_the_counter(database: Database) -> int:
    """Counters, cashiers and identification on the sales, then one service record per sale; a few deaths."""
    from claim_bench import writer

    staff, terminals = add_counters(database)
    with writer(database) as conn:
        conn.execute(text(AT_THE_COUNTER.format(
            counters=COUNTERS, cashiers=CASHIERS, terminals=_when(terminals), staff=_when(staff))))
        write_service_records(conn)
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

    database, month, watch = Database(url), Month(*MONTH), Stopwatch()
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
    return watch.row(step, extra)


def generate(url: str, residents: int, days: int) -> None:
    """The claim benchmark's month, then what a counter records, each with how long it took."""
    from claim_bench import generate_file

    generate_file(url, residents, days)
    database = Database(url)
    started = time.perf_counter()
    records = at_the_counter(database)
    print(f"wrote {records:,} service records in {time.perf_counter() - started:.0f} s")
    with database.engine.connect() as conn:  # fresh statistics, as a maintained database has
        conn.exec_driver_sql("ANALYZE")
    database.dispose()


if __name__ == "__main__":
    month_main(__doc__, run_step, generate, db="/tmp/fraud-bench.db", steps="floor,report," + ",".join(CHECK_STEPS),
               width=15, header=lambda: f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC; {load_average()}")
