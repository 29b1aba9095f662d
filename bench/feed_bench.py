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

import json
import subprocess
import sys
import time
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from harness import Stopwatch, month_main, write_service_records  # noqa: E402
from sqlalchemy import text  # noqa: E402

from pos import models, schema  # noqa: E402,F401  (every model, so foreign keys resolve)
from pos.db import Database  # noqa: E402

KEY = "bench-feed-key-0123456789abcdef0123456789"
MONTH = "2026-10"
AFTER = datetime(2026, 11, 2, tzinfo=timezone.utc)


def generate(url: str, residents: int, days: int) -> None:
    import claim_bench

    database = Database(url)
    schema.upgrade(database.engine)
    started = time.perf_counter()
    counts = claim_bench.generate(database, residents, days)
    with claim_bench.writer(database) as conn:
        write_service_records(conn)
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
    watch = Stopwatch()
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
    return watch.row(step, extra)


if __name__ == "__main__":
    month_main(__doc__, run_step, generate, db="/tmp/feed-bench.db", out="/tmp/feed-bench-out", days=31,
               steps="floor,scan,jsonl,csv,verify")
