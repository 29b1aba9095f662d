"""Time and peak memory of rendering one month's subsidy claim with many detail lines.

Run: .venv/bin/python bench/claim_render_bench.py [--rows 1200000] [--out /tmp/claim-bench]
Each format runs in its own process so its peak RSS is its own; "floor" only generates
and formats the rows, the cost every format pays before writing anything; "one-pass"
writes PDF (first 100,000 lines drawn), XLSX and CSV from a single pass over the rows.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Iterator

from receipts.claim import ClaimDetail, DailyTotal, SubsidyClaim, Tally, detail_cells
from receipts.claim_csv import write_claim_csv
from receipts.claim_files import write_claim_files
from receipts.claim_pdf import write_claim_pdf
from receipts.claim_xlsx import write_claim_xlsx

CATEGORIES = (("低保", 500), ("特困", 800), ("高龄80+", 300))
PERIODS = ("早餐", "午餐", "晚餐")
DAYS = 30


def details(rows: int) -> Iterator[ClaimDetail]:
    """Generate rows spread over 30 days, categories in turn, about 4,000 residents."""
    start = date(2026, 11, 1)
    per_day = -(-rows // DAYS)
    for i in range(rows):
        category, fen = CATEGORIES[i % 3]
        day = start + timedelta(days=i // per_day)
        yield ClaimDetail(day, f"S{day:%Y%m%d}-{i % per_day + 1:06d}", f"张*{i % 4000:04d}", category,
                          PERIODS[i % 3], f"{category}定额", "2026.1", fen)


def claim(rows: int) -> SubsidyClaim:
    """The summary matching details(rows), computed in closed form."""
    counts = [rows // 3 + (1 if k < rows % 3 else 0) for k in range(3)]
    tallies = tuple(Tally(name, n, n * fen) for (name, fen), n in zip(CATEGORIES, counts))
    total = sum(t.amount_fen for t in tallies)
    per_day, daily = -(-rows // DAYS), []
    for d in range(DAYS):
        first, last = d * per_day, min(rows, (d + 1) * per_day)
        if first < last:
            fen = sum(CATEGORIES[i % 3][1] for i in range(first, last))
            daily.append(DailyTotal(date(2026, 11, 1) + timedelta(days=d), last - first, fen))
    periods = tuple(Tally(p, n, t.amount_fen) for p, n, t in zip(PERIODS, counts, tallies))
    return SubsidyClaim("BT-202611-BENCH", "新百汇社区便民餐厅", "尧都区民政局", date(2026, 11, 1),
                        date(2026, 11, 30), date(2026, 12, 2), rows, rows, total, tallies, tallies, periods,
                        (Tally("堂食", rows, total),), tuple(daily))


PDF_LIMITS = {"pdf-summary": 0, "pdf-100k": 100_000, "pdf-full": None}


def run_one(fmt: str, rows: int, out: Path) -> dict:
    """Render one format in this process and return its figures."""
    c, extra = claim(rows), {}
    path = out / f"claim-{fmt}.{fmt.split('-')[0]}"
    started, cpu_started = time.perf_counter(), time.process_time()
    if fmt == "floor":
        for d in details(rows):
            detail_cells(d)
    elif fmt == "csv":
        write_claim_csv(c, details(rows), path)
    elif fmt == "xlsx":
        write_claim_xlsx(c, details(rows), path)
    elif fmt == "one-pass":  # what the app should do: PDF (first 100k lines) + XLSX + CSV, one query
        done = write_claim_files(c, details(rows), pdf=out / "one.pdf", xlsx=out / "one.xlsx", csv=out / "one.csv")
        extra["pages"] = done.pdf_pages
        path = out / "one.xlsx"
    else:
        limit = PDF_LIMITS[fmt]
        extra["pages"] = write_claim_pdf(c, details(rows), path, detail_limit=rows if limit is None else limit)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    size = path.stat().st_size if path.exists() else 0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB
    return {"format": fmt, "rows": rows, "seconds": round(seconds, 1), "cpu_s": round(cpu, 1),
            "peak_rss_mb": round(peak_mb),
            "file_mb": round(size / 2**20, 1), **extra}


def main() -> None:
    """Run every format in a child process and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_200_000)
    parser.add_argument("--out", type=Path, default=Path("/tmp/claim-bench"))
    parser.add_argument("--formats", default="floor,csv,xlsx,pdf-summary,pdf-100k,pdf-full,one-pass")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    if args.child:
        print(json.dumps(run_one(args.child, args.rows, args.out)))
        return
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores "
          "(other load inflates wall time, CPU time much less)")
    print(f"{'format':<12}{'rows':>10}{'wall s':>8}{'CPU s':>7}{'peak MB':>9}{'file MB':>9}{'pages':>8}")
    for fmt in args.formats.split(","):
        done = subprocess.run([sys.executable, __file__, "--rows", str(args.rows), "--out", str(args.out),
                               "--child", fmt], check=True, capture_output=True, text=True, env=os.environ)
        r = json.loads(done.stdout)
        print(f"{r['format']:<12}{r['rows']:>10}{r['seconds']:>8}{r['cpu_s']:>7}{r['peak_rss_mb']:>9}{r['file_mb']:>9}"
              f"{r.get('pages', ''):>8}", flush=True)


if __name__ == "__main__":
    main()
