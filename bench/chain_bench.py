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

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from claim_bench import generate_file, writer  # noqa: E402  (puts the project on the path)
from harness import Stopwatch, month_main, write_service_records  # noqa: E402
from sqlalchemy import text  # noqa: E402

from pos.db import Database  # noqa: E402

FLOOR = ("SELECT (SELECT count(*) FROM chain_link), (SELECT count(*) FROM ledger_transaction), "
         "(SELECT count(*) FROM ledger_entry), (SELECT count(*) FROM service_record)")


def run_step(step: str, url: str) -> dict:
    """One measured step in this process."""
    from pos.ledger.chain_backfill import chain_existing
    from pos.ledger.chain_verify import verify_chain

    database, extra, watch = Database(url), {}, Stopwatch()
    if step == "records":
        with writer(database) as conn:
            extra = {"records": write_service_records(conn)}
    elif step == "build":
        with writer(database) as conn:
            if conn.scalar(text("SELECT count(*) FROM chain_link")):  # a bench-only undo (not timed), so every run
                conn.execute(text("DROP TRIGGER chain_link_no_delete"))  # measures the build itself
                conn.execute(text("DELETE FROM chain_link"))
                conn.execute(text("CREATE TRIGGER chain_link_no_delete BEFORE DELETE ON chain_link "
                                  "BEGIN SELECT RAISE(ABORT, 'chain_link is append-only'); END"))
        watch.restart()
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
    return watch.row(step, extra)


if __name__ == "__main__":  # its records and chain kept with --keep
    month_main(__doc__, run_step, generate_file, db="/tmp/chain-bench.db", steps="records,build,floor,scan,verify",
               keep="reuse an existing database (its records and chain)", fresh_only=("records",))
