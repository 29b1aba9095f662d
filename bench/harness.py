"""What the month benchmarks share: a measured step, the options, each step in a process of its own, the table."""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Connection, text

AGE = ("(CAST(strftime('%Y', s.business_date) AS INTEGER) - CAST(strftime('%Y', r.birth_date) AS INTEGER) "
       "- (strftime('%m-%d', s.business_date) < strftime('%m-%d', r.birth_date)))")
# record_service's row for each sale: the resident's categories valid that day and age band (none for a walk-in).
SERVICE_RECORDS = f"""
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


def write_service_records(conn: Connection) -> int:
    """A service record for every sale in one INSERT … SELECT (the claim generator writes none); how many."""
    return conn.execute(text(SERVICE_RECORDS)).rowcount


class Stopwatch:
    """Wall and CPU time of one step in this process, and the process's peak RSS."""

    def __init__(self) -> None:
        self.restart()

    def restart(self) -> None:
        """Start again, after a bench-only undo that is not part of the step."""
        self.started, self.cpu = time.perf_counter(), time.process_time()

    def row(self, step: str, figures: dict) -> dict:
        """The step's row of the table: its times, peak RSS (Linux reports KiB) and its own figures."""
        return {"step": step, "wall_s": round(time.perf_counter() - self.started, 1),
                "cpu_s": round(time.process_time() - self.cpu, 1),
                "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024), **figures}


def load_average() -> str:
    """The table's header line: other load inflates wall time, so it is printed beside the figures."""
    return f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (other load inflates wall time)"


def remove_sqlite(db: Path) -> None:
    """The database file and its WAL and shared-memory files, so the month is generated afresh."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)


def month_options(doc: str, *, db: str, steps: str, days: int = 30, out: str | None = None,
                  keep: str = "reuse an existing database") -> argparse.ArgumentParser:
    """--residents, --days, --db, [--out,] --keep, --steps and the hidden --child STEP."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--residents", type=int, default=20_000)
    parser.add_argument("--days", type=int, default=days)
    parser.add_argument("--db", type=Path, default=Path(db))
    if out:
        parser.add_argument("--out", type=Path, default=Path(out))
    parser.add_argument("--keep", action="store_true", help=keep)
    parser.add_argument("--steps", default=steps)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    return parser


def print_steps(steps: list[str], child_args: list[str], width: int = 9) -> None:
    """Run each step as `this script ... --child STEP`, so its peak RSS is its own; a row as each finishes."""
    print(f"{'step':<{width}}{'wall s':>8}{'CPU s':>7}{'peak MB':>9}  figures")
    for step in steps:
        done = subprocess.run([sys.executable, sys.argv[0], *child_args, "--child", step], check=True,
                              capture_output=True, text=True)
        r = json.loads(done.stdout.strip().splitlines()[-1])
        rest = {k: v for k, v in r.items() if k not in ("step", "wall_s", "cpu_s", "peak_rss_mb")}
        print(f"{r['step']:<{width}}{r['wall_s']:>8}{r['cpu_s']:>7}{r['peak_rss_mb']:>9}  {rest}", flush=True)


def month_main(doc: str, run_step: Callable[..., dict], generate: Callable[[str, int, int], None], *,
               db: str, steps: str, days: int = 30, out: str | None = None, width: int = 9,
               header: Callable[[], str] = load_average,
               fresh_only: tuple[str, ...] = (), keep: str = "reuse an existing database") -> None:
    """A month benchmark's command: generate the SQLite month unless --keep, then the table of steps.

    run_step(step, url[, out]) measures one step in the child; generate(url, residents, days) writes a fresh month,
    in a process of its own too (a child's peak RSS starts from its parent's: Linux keeps it across exec). fresh_only: steps left out on a kept database, which has what they write.
    """
    args = month_options(doc, db=db, steps=steps, days=days, out=out, keep=keep).parse_args()
    url = f"sqlite:///{args.db}"
    if out:
        args.out.mkdir(parents=True, exist_ok=True)
    if args.child == "generate":
        generate(url, args.residents, args.days)
        return
    if args.child:
        print(json.dumps(run_step(args.child, url, *([args.out] if out else []))))
        return
    steps = args.steps.split(",")
    if args.keep and args.db.exists():
        steps = [s for s in steps if s not in fresh_only]
    else:
        remove_sqlite(args.db)
        subprocess.run([sys.executable, sys.argv[0], "--db", str(args.db), "--residents", str(args.residents),
                        "--days", str(args.days), "--child", "generate"], check=True)
    print(header())
    print_steps(steps, ["--db", str(args.db), *(["--out", str(args.out)] if out else [])], width)
