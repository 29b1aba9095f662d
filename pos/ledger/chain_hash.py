"""The chain's hashing: a record's canonical text, its content hash, and a link's hash. Pure Python, no models, so
the migration that chains the records already written uses exactly what the app and the verifier use.

A record's content is a JSON object of its business fields with sorted keys, no spaces, UTF-8; a field that is
NULL (or that a database has no column for yet) is left out, so a nullable column added later leaves every earlier
hash as it was. Times are UTC, ISO 8601 with microseconds; days ISO dates. docs/chain.md is the specification.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any

GENESIS = "0" * 64  # the previous hash of the first link
LEDGER_TRANSACTION, SERVICE_RECORD, SERVICE_VOID = "ledger_transaction", "service_record", "service_void"
KINDS = (LEDGER_TRANSACTION, SERVICE_RECORD, SERVICE_VOID)

NOT_CHAINED = {"id", "voided_at"}  # the id names the link; a void is its own link


def stored_moment(value: datetime | str) -> datetime:
    """A stored time as an aware UTC datetime; SQLite hands back naive datetimes or text, both UTC."""
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)


def moment_text(value: datetime | str) -> str:
    """A stored time as UTC ISO text with microseconds."""
    if isinstance(value, str) and len(value) == 26 and value[10] == " ":  # SQLite's own form (UTC): a million a
        return f"{value[:10]}T{value[11:]}+00:00"                          # month, so no parsing
    return stored_moment(value).isoformat(timespec="microseconds")


def day_text(value: date | str) -> str:
    """A stored day as an ISO date."""
    return value if isinstance(value, str) and len(value) == 10 else (
        date.fromisoformat(value) if isinstance(value, str) else value).isoformat()


def codes(value: list[str] | str) -> list[str]:
    """A stored JSON list of codes, sorted."""
    if value == "[]":
        return []
    return sorted(json.loads(value) if isinstance(value, str) else value)


# Each field and how its value is written. A new column of a chained table must be added here (a test checks).
TRANSACTION_FIELDS: dict[str, Callable[[Any], Any]] = {
    "kind": str, "memo": str, "reverses_id": int, "created_by": int, "created_at": moment_text}
SERVICE_RECORD_FIELDS: dict[str, Callable[[Any], Any]] = {
    "canteen_id": int, "sale_id": int, "resident_id": int, "day": day_text, "meal_period": str, "channel": str,
    "identified": str, "proxy_name": str, "categories": codes, "age_band": str, "terminal_id": int, "staff_id": int,
    "served_at": moment_text}
_JSON = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)


class Reader:
    """A record's content from rows of one query: where each chained field sits in its columns (`keys`), worked out
    once, so a million rows are read without a dict each. A field the query has no column for is NULL."""

    def __init__(self, fields: Mapping[str, Callable[[Any], Any]], keys: Sequence[str]) -> None:
        keys = list(keys)
        self.plan = tuple((name, keys.index(name), write) for name, write in fields.items() if name in keys)

    def __call__(self, row: Sequence[Any]) -> dict[str, Any]:
        """The row's business fields, NULLs left out."""
        return {name: write(value) for name, at, write in self.plan if (value := row[at]) is not None}


def content_of(fields: Mapping[str, Callable[[Any], Any]], row: Mapping[str, Any]) -> dict[str, Any]:
    """One record's business fields from a mapping (a dict, a row's `_mapping`)."""
    return Reader(fields, list(row.keys()))(list(row.values()))


def canonical(content: Mapping[str, Any]) -> str:
    """A record's content as canonical JSON text: sorted keys, no spaces, UTF-8 as is."""
    return _JSON.encode(content)


def streamed(result: Any, size: int = 5_000) -> tuple[list[str], Iterator[Sequence[Any]]]:
    """A streamed SQLAlchemy result's column names and its rows, fetched `size` at a time."""
    return list(result.keys()), (row for partition in result.partitions(size) for row in partition)


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def with_entries(rows: Iterable[Sequence[Any]], keys: Sequence[str]
                 ) -> Iterator[tuple[Sequence[Any], list[tuple[int, int]]]]:
    """Rows of transactions joined to their entries (columns `id`, `entry_account`, `entry_amount`; ordered by
    transaction, then entry) as (transaction row, [(account id, amount)]); a transaction with no entries has none."""
    keys = list(keys)
    at_id, at_account, at_amount = keys.index("id"), keys.index("entry_account"), keys.index("entry_amount")
    current: Sequence[Any] | None = None
    entries: list[tuple[int, int]] = []
    for row in rows:
        if current is None or row[at_id] != current[at_id]:
            if current is not None:
                yield current, entries
            current, entries = row, []
        if row[at_account] is not None:
            entries.append((row[at_account], row[at_amount]))
    if current is not None:
        yield current, entries


def transaction_hash(content: Mapping[str, Any], entries: Iterable[tuple[int, int]]) -> str:
    """A ledger transaction's content with its entries, (account id, amount in fen) in entry id order."""
    return sha256(canonical({**content, "entries": [[int(account), int(amount)] for account, amount in entries]}))


def service_record_hash(content: Mapping[str, Any]) -> str:
    """A service record's content as written with its sale (its void is a link of its own)."""
    return sha256(canonical(content))


def void_hash(voided_at: datetime | str) -> str:
    """A service record's void: when it was voided."""
    return sha256(_JSON.encode({"voided_at": moment_text(voided_at)}))


def link_hash(prev_hash: str, kind: str, record_id: int, content_hash: str) -> str:
    """A link's hash: the previous link's hash, what the link chains and that record's content hash."""
    return sha256(f"{prev_hash}|{kind}|{record_id}|{content_hash}")


@dataclass(frozen=True)
class Head:
    """The last link: where the next one attaches."""

    seq: int
    hash: str
    created_at: datetime


START = Head(0, GENESIS, datetime.min.replace(tzinfo=timezone.utc))


def links_after(last: Head, contents: Iterable[tuple[str, int, str, datetime]],
                now: datetime | None = None) -> Iterator[dict[str, Any]]:
    """Rows of the links that follow `last`: one per (kind, record id, content hash, record's time).

    A link's time never goes back (so the last link before a moment is the highest seq before it): it is `now`
    when given, else the record's own time (a backfill), but not before the previous link's.
    """
    seq, prev, at = last.seq, last.hash, last.created_at
    for kind, record_id, content, moment in contents:
        seq, at = seq + 1, max(at, stored_moment(now or moment))
        link = link_hash(prev, kind, record_id, content)
        yield {"seq": seq, "kind": kind, "record_id": record_id, "content_hash": content, "prev_hash": prev,
               "hash": link, "created_at": at}
        prev = link
