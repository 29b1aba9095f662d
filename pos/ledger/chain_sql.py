"""The chain's reading: its queries, and rows streamed straight from the driver's cursor. No models (the migration
that starts the chain uses it too), so the SQL names the tables as they are.
"""
from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

import sqlalchemy as sa

BATCH = 5_000  # rows held at a time per query
_CURSORS = itertools.count(1)


def stream(connection: sa.Connection, sql: str) -> tuple[list[str], Iterator[Any]]:
    """Column names and rows straight from the driver's cursor, BATCH at a time (a server-side cursor on PostgreSQL):
    millions of rows without a SQLAlchemy Row each, a tenth of the verify's time."""
    driver: Any = connection.connection.driver_connection
    cursor = driver.cursor(name=f"chain_{next(_CURSORS)}") if connection.dialect.name == "postgresql" else \
        driver.cursor()
    cursor.execute(sql)
    keys = [column[0] for column in cursor.description]

    def rows() -> Iterator[Any]:
        try:
            while batch := cursor.fetchmany(BATCH):
                yield from batch
        finally:
            cursor.close()

    return keys, rows()


# A transaction's entries as "account:amount,…" in entry id order: one row per transaction, not one per entry.
LEG = "CAST(e.account_id AS VARCHAR(20)) || ':' || CAST(e.amount_fen AS VARCHAR(20))"
LEGS = {"postgresql": f"(SELECT string_agg({LEG}, ',' ORDER BY e.id) FROM ledger_entry e "
                      "WHERE e.transaction_id = t.id)",
        # SQLite keeps an ordered subquery's order in the aggregate over it (it never flattens one into an aggregate)
        "sqlite": f"(SELECT group_concat(leg, ',') FROM (SELECT {LEG} AS leg FROM ledger_entry e "
                  "WHERE e.transaction_id = t.id ORDER BY e.id))"}


def transactions(dialect: str, linked: bool = True) -> str:
    """Every transaction with its entries (`entry_legs`) by id; `linked`: with its link's seq and content hash."""
    if not linked:
        return f"SELECT t.*, {LEGS[dialect]} AS entry_legs FROM ledger_transaction t ORDER BY t.id"
    return (f"SELECT t.*, {LEGS[dialect]} AS entry_legs, l.seq AS link_seq, l.content_hash AS link_content "
            "FROM ledger_transaction t LEFT JOIN chain_link l ON l.kind = 'ledger_transaction' AND l.record_id = t.id "
            "ORDER BY t.id")


LINKS = "SELECT seq, kind, record_id, content_hash, prev_hash, hash, created_at FROM chain_link ORDER BY seq"
RECORDS = ("SELECT r.*, l.seq AS link_seq, l.content_hash AS link_content FROM service_record r "
           "LEFT JOIN chain_link l ON l.kind = 'service_record' AND l.record_id = r.id ORDER BY r.id")


def legs(text: str | None) -> list[tuple[int, int]]:
    """A transaction's "account:amount,…" as (account id, amount) pairs."""
    if not text:
        return []
    return [(int(account), int(amount)) for account, amount in (leg.split(":") for leg in text.split(","))]
