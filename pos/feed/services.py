"""Making a feed: a period's records file and totals file, each written whole, then signed beside it."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from pos.canteens.models import Canteen
from pos.canteens.services import main_canteen
from pos.config import Config
from pos.db import Database
from pos.errors import InvalidInput, NotFound
from pos.feed import rows, writing
from pos.feed.identity import id_number_writer
from pos.feed.periods import FeedPeriod, require_closed
from pos.feed.schema import RECORD_FIELDS, TOTAL_FIELDS
from pos.feed.signing import Signed, require_key, write_signature

# Names the page lists and serves back: nothing else in the folder can be asked for.
FILE_NAME = re.compile(r"^feed-[A-Za-z0-9_]+-(?P<period>\d{4}-\d{2}(-\d{2})?)-(records|totals)\.(jsonl|csv)(\.sig)?$")


@dataclass(frozen=True)
class FeedFile:
    """One file of a feed and its signature."""

    path: Path
    signature_path: Path
    signed: Signed
    rows: int


def feed_folder(settings: Config) -> Path:
    """Where the page keeps the feeds it made, in the instance folder (owner-only, like the database)."""
    return settings.instance_path / "feeds"


def feed_canteen(session: Session, code: str | None = None) -> Canteen:
    """The canteen whose feed is made: the one named by its code, else the one this server runs."""
    canteen = session.scalar(select(Canteen).where(Canteen.code == code)) if code else main_canteen(session)
    if canteen is None:
        raise NotFound("no canteen %(code)s", code=code or "", field="canteen")
    return canteen


def export_feed(database: Database, settings: Config, period: FeedPeriod, fmt: str, out: Path, now: datetime,
                canteen_code: str | None = None) -> list[FeedFile]:
    """Write the period's records and totals as `fmt` into `out`, each with its .sig; refuses an open period
    or a missing key before writing anything."""
    if fmt not in writing.FORMATS:
        raise InvalidInput("the format must be jsonl or csv", field="format")
    require_key(settings.feed_key)
    require_closed(period, now, settings.timezone)
    with database.reader() as session:
        _consistent_snapshot(session)
        canteen = feed_canteen(session, canteen_code)
        return _export(session, settings, canteen, period, fmt, out, now)


def _export(session: Session, settings: Config, canteen: Canteen, period: FeedPeriod, fmt: str, out: Path,
            now: datetime) -> list[FeedFile]:
    key = settings.feed_key
    scope = rows.Scope(canteen.id, canteen.code, period)
    stem = f"feed-{_safe(canteen.code)}-{period.label}"
    show_id = id_number_writer(settings.feed_id_numbers, key)
    facts = {"period": period.label, "canteen_code": canteen.code, "id_numbers": settings.feed_id_numbers,
             "generated_at": now}
    out.mkdir(mode=0o700, parents=True, exist_ok=True)  # ID numbers and meals of named people: owner only
    made = [_write(out / f"{stem}-records.{fmt}", fmt, RECORD_FIELDS, rows.service_records(session, scope, show_id)),
            _write(out / f"{stem}-totals.{fmt}", fmt, TOTAL_FIELDS, iter(rows.totals(session, scope)))]
    return [FeedFile(path, *write_signature(path, key, **facts), count) for path, count in made]


def _write(path: Path, fmt: str, fields, feed_rows) -> tuple[Path, int]:
    """Write to a temporary name, then rename: a half-written feed is never found under the real name."""
    partial = path.with_name(path.name + ".partial")
    try:
        with partial.open("w", encoding="utf-8", newline="") as f:
            count = writing.write_jsonl(f, feed_rows) if fmt == "jsonl" else writing.write_csv(f, fields, feed_rows)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return path, count


def _consistent_snapshot(session: Session) -> None:
    """Records, subsidies and totals from one snapshot: a void committed meanwhile cannot split them (PostgreSQL
    reads each statement afresh otherwise; SQLite's read transaction already is one snapshot)."""
    if session.get_bind().dialect.name == "postgresql":  # before the session's first statement
        session.connection(execution_options={"isolation_level": "REPEATABLE READ"})


def _safe(code: str) -> str:
    return re.sub(r"[^A-Za-z0-9_]", "_", code) or "canteen"


def feed_files(folder: Path) -> list[Path]:
    """The feed files made so far (signatures beside them): the latest period first, its records then totals."""
    if not folder.is_dir():
        return []
    found = sorted(p for p in folder.iterdir() if FILE_NAME.match(p.name) and not p.name.endswith(".sig"))
    return sorted(found, key=lambda p: FILE_NAME.match(p.name).group("period"), reverse=True)  # type: ignore[union-attr]
