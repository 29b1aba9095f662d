"""The hash chain over the claim benchmark's month (20,000 residents, ~1.2 M meals): build it, verify it.

Generates the claim benchmark's database (bench/claim_bench.py: sales, ledger transactions and entries, top-ups),
gives every sale its service record (one INSERT … SELECT, shaped as record_service writes them; the generator
writes none), then, each step in its own process so its peak RSS is its own:
  records  the service records                         build   the chain, by the migration's own backfill
  floor    a bare SELECT count(*) over the rows verify reads (links, transactions, entries, records)
  scan     the verify's queries with every row fetched and nothing hashed: the reading alone
  verify   `canteen ledger verify --chain`'s recomputation: every link and every record, streamed
Target (issue 17), on the 2-core machine: verify under 60 s and 500 MB.

Run: nice -n 10 .venv/bin/python bench/chain_bench.py [--residents 20000] [--days 30] [--db /tmp/chain-bench.db]
     [--keep] (reuse the database if it exists) [--steps records,build,floor,verify]
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from claim_bench import generate, writer  # noqa: E402  (puts the project on the path)
from sqlalchemy import text  # noqa: E402

from pos import schema  # noqa: E402
from pos.db import Database  # noqa: E402

AGE = ("(CAST(strftime('%Y', s.business_date) AS INTEGER) - CAST(strftime('%Y', r.birth_date) AS INTEGER) "
       "- (strftime('%m-%d', s.business_date) < strftime('%m-%d', r.birth_date)))")
RECORDS = f"""
INSERT INTO service_record (canteen_id, sale_id, resident_id, day, meal_period, channel, identified, categories,
                            age_band, terminal_id, staff_id, served_at)
SELECT s.canteen_id, s.id, s.resident_id, s.business_date, s.meal_period, s.channel, s.credential_kind,
       CASE WHEN EXISTS (SELECT 1 FROM resident_category c WHERE c.resident_id = s.resident_id
                         AND c.revoked_at IS NULL AND c.valid_from <= s.business_date
                         AND (c.valid_to IS NULL OR c.valid_to >= s.business_date))
            THEN '["dibao"]' ELSE '[]' END,
       CASE WHEN r.id IS NULL THEN NULL WHEN {AGE} < 60 THEN 'under_60' WHEN {AGE} < 70 THEN '60_69'
            WHEN {AGE} < 80 THEN '70_79' WHEN {AGE} < 90 THEN '80_89' ELSE '90_plus' END,
       s.terminal_id, s.cashier_id, s.sold_at
FROM sale s LEFT JOIN resident r ON r.id = s.resident_id ORDER BY s.id"""
FLOOR = ("SELECT (SELECT count(*) FROM chain_link), (SELECT count(*) FROM ledger_transaction), "
         "(SELECT count(*) FROM ledger_entry), (SELECT count(*) FROM service_record)")


def run_step(step: str, url: str) -> dict:
    """One measured step in this process."""
    from pos.ledger.chain_backfill import chain_existing
    from pos.ledger.chain_verify import verify_chain

    database, extra = Database(url), {}
    started, cpu = time.perf_counter(), time.process_time()
    if step == "records":
        with writer(database) as conn:
            extra = {"records": conn.execute(text(RECORDS)).rowcount}
    elif step == "build":
        with writer(database) as conn:
            if conn.scalar(text("SELECT count(*) FROM chain_link")):  # a bench-only undo (not timed), so every run
                conn.execute(text("DROP TRIGGER chain_link_no_delete"))  # measures the build itself
                conn.execute(text("DELETE FROM chain_link"))
                conn.execute(text("CREATE TRIGGER chain_link_no_delete BEFORE DELETE ON chain_link "
                                  "BEGIN SELECT RAISE(ABORT, 'chain_link is append-only'); END"))
        started, cpu = time.perf_counter(), time.process_time()
        with writer(database) as conn:
            extra = {"links": chain_existing(conn)}
    elif step == "floor":
        with database.reader() as session:
            links, transactions, entries, records = session.execute(text(FLOOR)).one()
        extra = {"links": links, "transactions": transactions, "entries": entries, "records": records}
    elif step == "scan":  # the verify's three big queries, every row fetched, nothing hashed
        from pos.ledger import chain_sql

        with database.reader() as session:
            extra = {"rows": sum(sum(1 for _ in chain_sql.stream(session.connection(), sql)[1])
                                 for sql in (chain_sql.LINKS, chain_sql.transactions("sqlite"), chain_sql.RECORDS))}
    elif step == "verify":
        with database.reader() as session:
            report = verify_chain(session)
        extra = {**report.checked, "problems": report.problems, "first": report.findings[:1]}
    seconds = time.perf_counter() - started
    return {"step": step, "wall_s": round(seconds, 1), "cpu_s": round(time.process_time() - cpu, 1),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024), **extra}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--residents", type=int, default=20_000)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--db", type=Path, default=Path("/tmp/chain-bench.db"))
    parser.add_argument("--keep", action="store_true", help="reuse an existing database (its records and chain)")
    parser.add_argument("--steps", default="records,build,floor,scan,verify")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    url = f"sqlite:///{args.db}"
    if args.child == "generate":
        database = Database(url)
        schema.upgrade(database.engine)
        started = time.perf_counter()
        counts = generate(database, args.residents, args.days)
        print(f"generated {counts} in {time.perf_counter() - started:.0f} s")
        return
    if args.child:
        print(json.dumps(run_step(args.child, url)))
        return
    steps = args.steps.split(",")
    if args.keep and args.db.exists():
        steps = [s for s in steps if s != "records"]
    else:  # in a process of its own: a child's peak RSS starts from its parent's (Linux keeps it across exec)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{args.db}{suffix}").unlink(missing_ok=True)
        subprocess.run([sys.executable, __file__, "--db", str(args.db), "--residents", str(args.residents),
                        "--days", str(args.days), "--child", "generate"], check=True)
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (other load inflates wall time)")
    print(f"{'step':<9}{'wall s':>8}{'CPU s':>7}{'peak MB':>9}  figures")
    for step in steps:
        done = subprocess.run([sys.executable, __file__, "--db", str(args.db), "--child", step], check=True,
                              capture_output=True, text=True)
        r = json.loads(done.stdout.strip().splitlines()[-1])
        rest = {k: v for k, v in r.items() if k not in ("step", "wall_s", "cpu_s", "peak_rss_mb")}
        print(f"{r['step']:<9}{r['wall_s']:>8}{r['cpu_s']:>7}{r['peak_rss_mb']:>9}  {rest}", flush=True)


if __name__ == "__main__":
    main()
