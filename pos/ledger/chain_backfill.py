"""Chaining the records written before the chain existed: the migration that creates it calls this, and so does the
benchmark. Plain SQL on a connection and the pure hashing module, no models, so it runs on the schema of its own
revision whatever the models later become (a column added later is read by `SELECT *` and left out while NULL).

Order: ledger transactions by id, each followed by the service records of the sale it paid and the voids it made,
so a sale's links sit together as the app writes them.
"""
from __future__ import annotations

import heapq
from collections.abc import Iterator
from datetime import datetime
from itertools import islice

import sqlalchemy as sa

from pos.ledger import chain_hash as ch
from pos.ledger import chain_sql

BATCH = 10_000
SQLITE_CACHE_KIB = 100_000  # the new table's indexes take random inserts: a bigger page cache while it fills
LINK = sa.table("chain_link", *(sa.column(name) for name in (
    "seq", "kind", "record_id", "content_hash", "prev_hash", "hash")), sa.column("created_at", sa.DateTime(True)))
_Content = tuple[tuple[int, int, int], str, int, str, datetime]  # (order key, kind, record id, content, time)


def chain_existing(conn: sa.Connection) -> int:
    """Append a link for every ledger transaction, service record and void on an empty chain; how many."""
    assert conn.scalar(sa.text("SELECT count(*) FROM chain_link")) == 0, "the chain is already started"
    sqlite = conn.dialect.name == "sqlite"
    cache = conn.scalar(sa.text("PRAGMA cache_size")) if sqlite else None
    if sqlite:
        conn.exec_driver_sql(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
    merged = heapq.merge(_transactions(conn), _records(conn), _voids(conn), key=lambda c: c[0])
    links = ch.links_after(ch.START, ((kind, rid, content, at) for _key, kind, rid, content, at in merged))
    written = 0
    while batch := list(islice(links, BATCH)):
        conn.execute(LINK.insert(), batch)
        written += len(batch)
    if sqlite:
        conn.exec_driver_sql(f"PRAGMA cache_size={cache}")
    return written


def _transactions(conn: sa.Connection) -> Iterator[_Content]:
    keys, rows = chain_sql.stream(conn, chain_sql.transactions(conn.dialect.name, linked=False))
    read, at_id, at_legs, at_time = ch.Reader(ch.TRANSACTION_FIELDS, keys), *(
        keys.index(name) for name in ("id", "entry_legs", "created_at"))
    for row in rows:
        content = ch.transaction_hash(read(row), chain_sql.legs(row[at_legs]))
        yield (row[at_id], 0, row[at_id]), ch.LEDGER_TRANSACTION, row[at_id], content, ch.stored_moment(row[at_time])


def _records(conn: sa.Connection) -> Iterator[_Content]:
    keys, rows = chain_sql.stream(conn, "SELECT r.*, s.transaction_id AS sale_transaction FROM service_record r "
                                        "JOIN sale s ON s.id = r.sale_id ORDER BY s.transaction_id, r.id")
    read = ch.Reader(ch.SERVICE_RECORD_FIELDS, keys)
    at_id, at_txn, at_time = keys.index("id"), keys.index("sale_transaction"), keys.index("served_at")
    for row in rows:
        yield (row[at_txn], 1, row[at_id]), ch.SERVICE_RECORD, row[at_id], ch.service_record_hash(read(row)), \
            ch.stored_moment(row[at_time])


def _voids(conn: sa.Connection) -> Iterator[_Content]:
    _keys, rows = chain_sql.stream(conn, "SELECT r.id, r.voided_at, "
                                         "COALESCE(v.transaction_id, s.transaction_id) AS void_transaction "
                                         "FROM service_record r JOIN sale s ON s.id = r.sale_id "
                                         "LEFT JOIN sale_void v ON v.sale_id = r.sale_id "
                                         "WHERE r.voided_at IS NOT NULL ORDER BY void_transaction, r.id")
    for record_id, voided_at, txn in rows:
        yield (txn, 2, record_id), ch.SERVICE_VOID, record_id, ch.void_hash(voided_at), ch.stored_moment(voided_at)
