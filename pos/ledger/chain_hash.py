"""The chain's hashing: a record's canonical text, its content hash, and a link's hash. Pure Python, no models, so
the migration that chains the records already written uses exactly what the app and the verifier use.

A record's content is a JSON object of its business fields with sorted keys, no spaces, UTF-8; a field that is
NULL (or that a database has no column for yet) is left out, so a nullable column added later leaves every earlier
hash as it was. Times are UTC, ISO 8601 with microseconds; days ISO dates. docs/chain.md is the specification.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any

GENESIS = "0" * 64  # the previous hash of the first link
LEDGER_TRANSACTION, SERVICE_RECORD, SERVICE_VOID = "ledger_transaction", "service_record", "service_void"
KINDS = (LEDGER_TRANSACTION, SERVICE_RECORD, SERVICE_VOID)

# Each field and how its value is written. A new column of a chained table must be added here (a test checks).
TRANSACTION_FIELDS = {"kind": "text", "memo": "text", "reverses_id": "int", "created_by": "int",
                      "created_at": "moment"}
SERVICE_RECORD_FIELDS = {"canteen_id": "int", "sale_id": "int", "resident_id": "int", "day": "day",
                         "meal_period": "text", "channel": "text", "identified": "text", "proxy_name": "text",
                         "categories": "list", "age_band": "text", "terminal_id": "int", "staff_id": "int",
                         "served_at": "moment"}
NOT_CHAINED = {"id", "voided_at"}  # the id names the link; a void is its own link


def stored_moment(value: datetime | str) -> datetime:
    """A stored time as an aware UTC datetime; SQLite hands back naive datetimes or text, both UTC."""
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)


def moment_text(value: datetime | str) -> str:
    """A stored time as UTC ISO text with microseconds."""
    return stored_moment(value).isoformat(timespec="microseconds")


def _value(kind: str, value: Any) -> Any:
    if kind == "int":
        return int(value)
    if kind == "text":
        return str(value)
    if kind == "moment":
        return moment_text(value)
    if kind == "day":
        return (date.fromisoformat(value) if isinstance(value, str) else value).isoformat()
    return sorted(json.loads(value) if isinstance(value, str) else value)  # a list of codes


def canonical(fields: Mapping[str, str], row: Mapping[str, Any], extra: Mapping[str, Any] | None = None) -> str:
    """The row's business fields (and any `extra`) as canonical JSON text."""
    content = {name: _value(kind, row[name]) for name, kind in fields.items() if row.get(name) is not None}
    content.update(extra or {})
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def with_entries(rows: Iterable[Mapping[str, Any]]) -> Iterator[tuple[Mapping[str, Any], list[tuple[int, int]]]]:
    """Transactions joined to their entries (`entry_account`, `entry_amount`; ordered by transaction, then entry)
    as (transaction, [(account id, amount)]); a transaction left with no entries comes with none."""
    current: Mapping[str, Any] | None = None
    entries: list[tuple[int, int]] = []
    for row in rows:
        if current is None or row["id"] != current["id"]:
            if current is not None:
                yield current, entries
            current, entries = row, []
        if row["entry_account"] is not None:
            entries.append((row["entry_account"], row["entry_amount"]))
    if current is not None:
        yield current, entries


def transaction_hash(row: Mapping[str, Any], entries: Iterable[tuple[int, int]]) -> str:
    """A ledger transaction with its entries, (account id, amount in fen) in entry id order."""
    legs = [[int(account), int(amount)] for account, amount in entries]
    return sha256(canonical(TRANSACTION_FIELDS, row, {"entries": legs}))


def service_record_hash(row: Mapping[str, Any]) -> str:
    """A service record as written with its sale (its void is a link of its own)."""
    return sha256(canonical(SERVICE_RECORD_FIELDS, row))


def void_hash(voided_at: datetime | str) -> str:
    """A service record's void: when it was voided."""
    return sha256(json.dumps({"voided_at": moment_text(voided_at)}, separators=(",", ":")))


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
