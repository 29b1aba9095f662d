"""The hash chain: every ledger transaction, service record and service record's void is a link holding its content
hash and the previous link's hash, so a row changed, added or removed behind the app's back shows when the chain is
recomputed (pos/ledger/chain_verify.py), and a hash printed on a daily closing pins everything before it.

Writers name what they wrote (`chain_later`); the links are appended when their transaction commits, last of all,
under one lock on the chain's head: PostgreSQL takes a transaction-scoped advisory lock after every wallet lock the
transaction holds, so the order is always the same; SQLite's writer already holds the database. The lock is held
from reading the head to the commit: a few statements.
"""
from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from sqlalchemy import bindparam, event, insert, select, text
from sqlalchemy.orm import Session

from pos.clock import as_utc, utc_now
from pos.ledger import chain_hash as ch
from pos.ledger.models import ChainLink

PENDING, LISTENING = "chain_pending", "chain_listening"
CHAIN_LOCK = 0x63_68_61_69_6E  # "chain": the advisory lock's key on PostgreSQL


def chain_later(session: Session, kind: str, record_id: int) -> None:
    """Chain this record when the session's transaction commits."""
    pending: dict[tuple[str, int], None] = session.info.setdefault(PENDING, {})  # ordered, no duplicates
    pending[(kind, record_id)] = None
    if not session.info.get(LISTENING):
        session.info[LISTENING] = True
        event.listen(session, "before_commit", append_pending)
        event.listen(session, "after_rollback", lambda s: s.info.pop(PENDING, None))


def append_pending(session: Session) -> None:
    """Append the links of what this transaction wrote (a record rolled back to a savepoint is skipped)."""
    pending = session.info.pop(PENDING, None)
    if not pending:
        return
    contents = list(_contents(session, list(pending)))  # read before the lock: it is held as briefly as can be
    if not contents:
        return
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": CHAIN_LOCK})
    session.execute(insert(ChainLink.__table__), list(ch.links_after(head(session), contents, utc_now())))


def head(session: Session) -> ch.Head:
    """The chain's last link (the start when it has none)."""
    row = session.execute(select(ChainLink.seq, ChainLink.hash, ChainLink.created_at)
                          .order_by(ChainLink.seq.desc()).limit(1)).first()
    return ch.START if row is None else ch.Head(row.seq, row.hash, as_utc(row.created_at))


def _contents(session: Session, pending: list[tuple[str, int]]) -> Iterator[tuple[str, int, str, datetime]]:
    """The content hash of each pending record as stored now, in the order they were written."""
    ids = {kind: [i for k, i in pending if k == kind] for kind in ch.KINDS}
    found: dict[tuple[str, int], tuple[str, datetime]] = {}
    if ids[ch.LEDGER_TRANSACTION]:
        keys, rows = ch.streamed(session.execute(TRANSACTIONS_BY_ID, {"ids": ids[ch.LEDGER_TRANSACTION]}))
        read, at_id, at_time = ch.Reader(ch.TRANSACTION_FIELDS, keys), keys.index("id"), keys.index("created_at")
        for row, entries in ch.with_entries(rows, keys):
            found[(ch.LEDGER_TRANSACTION, row[at_id])] = (ch.transaction_hash(read(row), entries), row[at_time])
    records = ids[ch.SERVICE_RECORD] + ids[ch.SERVICE_VOID]
    if records:
        for record in session.execute(RECORDS_BY_ID, {"ids": records}).mappings():
            content = ch.service_record_hash(ch.content_of(ch.SERVICE_RECORD_FIELDS, dict(record)))
            found[(ch.SERVICE_RECORD, record["id"])] = (content, record["served_at"])
            if record["voided_at"] is not None:
                found[(ch.SERVICE_VOID, record["id"])] = (ch.void_hash(record["voided_at"]), record["voided_at"])
    for kind, record_id in pending:
        if (kind, record_id) in found:
            content, moment = found[(kind, record_id)]
            yield kind, record_id, content, ch.stored_moment(moment)


TRANSACTIONS_BY_ID = text(
    "SELECT t.*, e.account_id AS entry_account, e.amount_fen AS entry_amount FROM ledger_transaction t "
    "LEFT JOIN ledger_entry e ON e.transaction_id = t.id WHERE t.id IN :ids ORDER BY t.id, e.id"
).bindparams(bindparam("ids", expanding=True))
RECORDS_BY_ID = text("SELECT * FROM service_record WHERE id IN :ids").bindparams(bindparam("ids", expanding=True))


def hash_before(session: Session, moment: datetime) -> str | None:
    """The hash of the last link written before `moment` (a day's or month's end), None before the first."""
    return session.scalar(select(ChainLink.hash).where(ChainLink.created_at < moment)
                          .order_by(ChainLink.created_at.desc(), ChainLink.seq.desc()).limit(1))
