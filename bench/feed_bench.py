"""A month's feed for 20,000 residents (~1.2 M service records, the claim benchmark's month): time and peak memory.

Generates the claim benchmark's month (bench/claim_bench.py: sales, subsidy lines, ledger) into a SQLite file,
gives every sale its service record in one INSERT … SELECT (as the service-record migration does, categories and
age band of the day), then, each step in its own process so its peak RSS is its own:
  floor   a bare SELECT count(*) over the month's service records
  scan    the records query alone, streamed and counted (no JSON, no file)
  jsonl   the month's feed as JSON Lines, records and totals, signed (ID numbers hashed: the costliest mode)
  csv     the same as CSV
  verify  scripts/verify_feed.py on the JSON Lines records file, as the platform runs it
Target (issue 17): under 60 s and 500 MB on the 2-core machine.

Run: .venv/bin/python bench/feed_bench.py [--residents 20000] [--days 31] [--db /tmp/feed-bench.db] [--keep]
     [--steps floor,scan,jsonl,csv,verify]
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from sqlalchemy import text  # noqa: E402

from pos import models, schema  # noqa: E402,F401  (every model, so foreign keys resolve)
from pos.db import Database  # noqa: E402

KEY = "bench-feed-key-0123456789abcdef0123456789"
MONTH = "2026-10"
AFTER = datetime(2026, 11, 2, tzinfo=timezone.utc)
SERVICE_RECORDS = """
INSERT INTO service_record (canteen_id, sale_id, resident_id, day, meal_period, channel, identified, categories,
                            age_band, terminal_id, staff_id, served_at, voided_at)
SELECT s.canteen_id, s.id, s.resident_id, s.business_date, s.meal_period, s.channel, 'card',
       CASE WHEN EXISTS (SELECT 1 FROM resident_category rc WHERE rc.resident_id = s.resident_id)
            THEN '["dibao"]' ELSE '[]' END,
       CASE WHEN a.age >= 90 THEN '90_plus' WHEN a.age >= 80 THEN '80_89' WHEN a.age >= 70 THEN '70_79'
            WHEN a.age >= 60 THEN '60_69' ELSE 'under_60' END,
       NULL, NULL, s.sold_at, NULL
FROM sale s JOIN (SELECT s2.id AS sale_id,
                         CAST(substr(s2.business_date, 1, 4) AS INTEGER) - CAST(substr(r.birth_date, 1, 4) AS INTEGER)
                         - (substr(s2.business_date, 6) < substr(r.birth_date, 6)) AS age
                  FROM sale s2 JOIN resident r ON r.id = s2.resident_id) a ON a.sale_id = s.id
"""


def generate(url: str, residents: int, days: int) -> None:
    import claim_bench

    database = Database(url)
    schema.upgrade(database.engine)
    started = time.perf_counter()
    counts = claim_bench.generate(database, residents, days)
    with claim_bench.writer(database) as conn:
        conn.execute(text(SERVICE_RECORDS))
    print(f"generated {counts} and their service records in {time.perf_counter() - started:.0f} s")
    database.dispose()


def run_step(step: str, url: str, out: Path) -> dict:
    """One measured step in this process."""
    from pos.app import config_for_tests
    from pos.feed.identity import id_number_writer
    from pos.feed.periods import month_period
    from pos.feed.rows import Scope, service_records
    from pos.feed.services import export_feed

    database, extra = Database(url), {}
    settings = replace(config_for_tests(url, out), feed_key=KEY, feed_id_numbers="hashed")
    period = month_period(MONTH)
    started, cpu = time.perf_counter(), time.process_time()
    if step == "floor":
        with database.reader() as session:
            extra = {"records": session.scalar(text(
                "SELECT count(*) FROM service_record WHERE day >= '2026-10-01' AND day < '2026-11-01'"))}
    elif step == "scan":
        with database.reader() as session:
            records = service_records(session, Scope(1, "main", period), id_number_writer("none", ""))
            extra = {"records": sum(1 for _ in records)}
    elif step in ("jsonl", "csv"):
        files = export_feed(database, settings, period, step, out, AFTER)
        extra = {"records": files[0].rows, "mb": round(files[0].signed.bytes / 2**20, 1),
                 "totals": json.loads(files[1].path.read_text().splitlines()[0]) if step == "jsonl" else None}
    elif step == "verify":
        name = out / f"feed-main-{MONTH}-records.jsonl"
        (out / "key").write_text(KEY)
        done = subprocess.run([sys.executable, "-I", str(ROOT / "scripts" / "verify_feed.py"), str(name),
                               "--key-file", str(out / "key")], capture_output=True, text=True)
        extra = {"exit": done.returncode, "said": done.stdout[:60]}
    seconds = time.perf_counter() - started
    return {"step": step, "wall_s": round(seconds, 1), "cpu_s": round(time.process_time() - cpu, 1),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024), **extra}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--residents", type=int, default=20_000)
    parser.add_argument("--days", type=int, default=31)
    parser.add_argument("--db", type=Path, default=Path("/tmp/feed-bench.db"))
    parser.add_argument("--out", type=Path, default=Path("/tmp/feed-bench-out"))
    parser.add_argument("--keep", action="store_true", help="reuse an existing database")
    parser.add_argument("--steps", default="floor,scan,jsonl,csv,verify")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    url = f"sqlite:///{args.db}"
    args.out.mkdir(parents=True, exist_ok=True)
    if args.child:
        print(json.dumps(run_step(args.child, url, args.out)))
        return
    if not (args.keep and args.db.exists()):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{args.db}{suffix}").unlink(missing_ok=True)
        generate(url, args.residents, args.days)
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (other load inflates wall time)")
    print(f"{'step':<9}{'wall s':>8}{'CPU s':>7}{'peak MB':>9}  figures")
    for step in args.steps.split(","):
        done = subprocess.run([sys.executable, __file__, "--db", str(args.db), "--out", str(args.out),
                               "--child", step], check=True, capture_output=True, text=True)
        r = json.loads(done.stdout.strip().splitlines()[-1])
        rest = {k: v for k, v in r.items() if k not in ("step", "wall_s", "cpu_s", "peak_rss_mb")}
        print(f"{r['step']:<9}{r['wall_s']:>8}{r['cpu_s']:>7}{r['peak_rss_mb']:>9}  {rest}", flush=True)


if __name__ == "__main__":
    main()
