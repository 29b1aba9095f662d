"""Recomputing the chain from the rows as they are now: every link's hash from its predecessor, every record's content
from its columns. Streamed (rows held a few thousand at a time), so a year of meals fits in a small process.

What differs is reported in chain order, the first first: the earliest link whose record no longer matches is where
history was rewritten. A record no link covers (written behind the app's back) comes after every linked one.
"""
from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from pos.ledger import chain_hash as ch
from pos.ledger import chain_sql

LIMIT = 20  # findings kept (the first ones); the rest are counted
UNLINKED = 1 << 62  # where records no link covers sort: after every link


@dataclass
class ChainReport:
    """What was recomputed, the first findings in chain order, how many in all, and the last link."""

    checked: dict[str, int] = field(default_factory=dict)
    problems: int = 0
    head: ch.Head = ch.START
    # (-seq, -n, message): the LIMIT earliest findings as a heap whose top is the latest kept, the one an earlier
    # finding replaces; bounded, so a wholesale rewrite does not fill memory.
    _kept: list[tuple[int, int, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.problems == 0

    def add(self, seq: int | None, message: str) -> None:
        """A finding at link `seq` (None: a record in no link)."""
        self.problems += 1
        item = (-(UNLINKED if seq is None else seq), -self.problems, message)
        if len(self._kept) < LIMIT:
            heapq.heappush(self._kept, item)
        elif item > self._kept[0]:
            heapq.heapreplace(self._kept, item)

    @property
    def findings(self) -> list[str]:
        """The kept findings, the earliest in the chain first."""
        return [message for _seq, _n, message in sorted(self._kept, reverse=True)]


def verify_chain(session: Session, kept: Iterable[str] = ()) -> ChainReport:
    """Recompute the whole chain and every chained record; each `kept` hash (printed on a closing or claim) must
    still be a link's: a database re-chained from an earlier point no longer holds it."""
    report = ChainReport()
    _walk_links(session, report, {h.strip().lower() for h in kept})
    _check_transactions(session, report)
    _check_service_records(session, report)
    _check_voids(session, report)
    _check_vanished(session, report)
    return report


def _stream(session: Session, sql: str) -> tuple[list[str], Iterator[Any]]:
    return chain_sql.stream(session.connection(), sql)


def _walk_links(session: Session, report: ChainReport, kept: set[str]) -> None:
    """Each link follows the one before by one, names its hash, and hashes to what it says; the kept hashes are
    among them."""
    prev, last, count, at = ch.GENESIS, 0, 0, None
    _keys, links = _stream(session, chain_sql.LINKS)
    for seq, kind, record_id, content, prev_hash, link, created_at in links:
        count += 1
        if seq != last + 1:
            report.add(seq, f"link {seq} follows link {last}: " + (
                f"links {last + 1} to {seq - 1} missing" if seq > last + 2 else f"link {last + 1} missing"))
        elif prev_hash != prev:
            report.add(seq, f"link {seq}: its previous hash does not match link {last}")
        if link != ch.link_hash(prev_hash, kind, record_id, content):
            report.add(seq, f"link {seq}: its hash does not match what it chains")
        prev, last, at = link, seq, created_at
        kept.discard(link)
    if at is not None:
        report.head = ch.Head(last, prev, ch.stored_moment(at))
    report.checked["links"] = count
    for missing in sorted(kept):
        report.add(0, f"kept hash {missing}: no link has it (the chain was rewritten before it)")


def _check_transactions(session: Session, report: ChainReport) -> None:
    """Each ledger transaction, with its entries, hashes to its link's content hash."""
    count = 0
    keys, rows = _stream(session, chain_sql.transactions(session.get_bind().dialect.name))
    read = ch.Reader(ch.TRANSACTION_FIELDS, keys)
    at_id, at_legs, at_seq, at_content = _at(keys, "id", "entry_legs", "link_seq", "link_content")
    for row in rows:
        count += 1
        seq = row[at_seq]
        if seq is None:
            report.add(None, f"ledger transaction {row[at_id]}: in no link")
            continue
        entries = chain_sql.legs(row[at_legs])
        if ch.transaction_hash(read(row), entries) != row[at_content]:
            report.add(seq, f"ledger transaction {row[at_id]}: content differs from link {seq}")
    report.checked["ledger transactions"] = count


def _check_service_records(session: Session, report: ChainReport) -> None:
    """Each service record hashes to its link's content hash."""
    count = 0
    keys, rows = _stream(session, chain_sql.RECORDS)
    read = ch.Reader(ch.SERVICE_RECORD_FIELDS, keys)
    at_id, at_sale, at_seq, at_content = _at(keys, "id", "sale_id", "link_seq", "link_content")
    for row in rows:
        count += 1
        seq = row[at_seq]
        if seq is None:
            report.add(None, f"service record {row[at_id]} (sale {row[at_sale]}): in no link")
        elif ch.service_record_hash(read(row)) != row[at_content]:
            report.add(seq, f"service record {row[at_id]} (sale {row[at_sale]}): content differs from link {seq}")
    report.checked["service records"] = count


def _check_voids(session: Session, report: ChainReport) -> None:
    """Each void recorded has its link, with the same time; no void link for a record not void. (Voids are few:
    the records not void are not read again.)"""
    _keys, rows = _stream(session, "SELECT r.id, r.sale_id, r.voided_at, v.seq, v.content_hash FROM service_record r "
                                   "LEFT JOIN chain_link v ON v.kind = 'service_void' AND v.record_id = r.id "
                                   "WHERE r.voided_at IS NOT NULL UNION ALL "
                                   "SELECT r.id, r.sale_id, NULL, v.seq, v.content_hash FROM chain_link v "
                                   "JOIN service_record r ON r.id = v.record_id "
                                   "WHERE v.kind = 'service_void' AND r.voided_at IS NULL")
    count = 0
    for record_id, sale_id, voided_at, seq, content in rows:
        what = f"service record {record_id} (sale {sale_id})"
        count += voided_at is not None
        if voided_at is None:
            report.add(seq, f"{what}: not void, but link {seq} chains its void")
        elif seq is None:
            report.add(None, f"{what}: void, but no link chains its void")
        elif ch.void_hash(voided_at) != content:
            report.add(seq, f"{what}: void differs from link {seq}")
    report.checked["voids"] = count


def _at(keys: list[str], *names: str) -> list[int]:
    return [keys.index(name) for name in names]


def _check_vanished(session: Session, report: ChainReport) -> None:
    """Links whose record is gone (deleted behind the app's back)."""
    for kind, table, what in ((ch.LEDGER_TRANSACTION, "ledger_transaction", "ledger transaction"),
                              (ch.SERVICE_RECORD, "service_record", "service record"),
                              (ch.SERVICE_VOID, "service_record", "service record")):
        _keys, rows = _stream(session, f"SELECT l.seq, l.record_id FROM chain_link l LEFT JOIN {table} x "
                                       f"ON x.id = l.record_id WHERE l.kind = '{kind}' AND x.id IS NULL ORDER BY l.seq")
        for seq, record_id in rows:
            report.add(seq, f"{what} {record_id}: missing, chained by link {seq}")
