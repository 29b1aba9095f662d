"""The community office's list imported from the back office: checked and reported first, written on confirm.

The uploaded file waits in the instance folder under a random name until staff confirm (or for an hour);
checking runs the whole import, card numbers included, in a transaction that is rolled back, so the
report is exactly what confirming will do. Confirming runs it again and writes it all, or nothing.
With cards, each row's card-number column (卡号) issues that resident a card in the same transaction;
a card number already given to someone is the row's problem, naming its holder masked.
"""
from __future__ import annotations

import os
import re
import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from pos.audit import Actor
from pos.credentials.life import issue_in
from pos.credentials.models import Card
from pos.db import Database
from pos.errors import Conflict, InvalidInput, NotFound
from pos.residents import importing
from pos.residents.importing import ParsedRow
from pos.residents.imports import Outcome, import_sheet
from pos.residents.masks import masked_resident
from pos.residents.models import Resident
from pos.spreadsheets import Problem, Sheet

SUFFIXES = (".xlsx", ".csv")
TOKEN = re.compile(r"[0-9a-f]{32}\Z")
KEEP_SECONDS = 3600  # an upload not confirmed within the hour is removed: it holds ID numbers
FOLDER = "uploads"


@dataclass
class ImportReport:
    """What an import does (or did): residents new and updated, cards issued, every problem by row and column."""

    rows: int = 0
    new: int = 0
    updated: int = 0
    cards: int = 0
    problems: list[Problem] = field(default_factory=list)
    written: bool = False

    @property
    def bad_rows(self) -> int:
        return len({p.row for p in self.problems})


class _Rollback(Exception):
    """Leave the import's transaction without writing anything."""


def check_list(db: Database, path: Path, with_cards: bool, actor: Actor) -> ImportReport:
    """Run the import on the list and report it; nothing is written."""
    return _run(db, path, with_cards, actor, write=False)


def import_list(db: Database, path: Path, with_cards: bool, actor: Actor) -> ImportReport:
    """Import the list, and issue its cards when asked: every row, or nothing when any row has a problem."""
    return _run(db, path, with_cards, actor, write=True)


def _run(db: Database, path: Path, with_cards: bool, actor: Actor, write: bool) -> ImportReport:
    sheet = list_sheet(path, with_cards)
    outcome, cards = Outcome(), CardStep(actor)
    try:
        with db.unit_of_work() as session:  # one transaction: the report is what writing would do
            import_sheet(session, sheet, outcome, actor, then=cards if with_cards else None)
            if not write or outcome.problems:
                raise _Rollback
    except _Rollback:
        written = False
    else:
        written = True
    return ImportReport(rows=len(sheet.rows), new=outcome.new, updated=outcome.updated, cards=cards.issued,
                        problems=outcome.problems, written=written)


def list_sheet(path: Path, with_cards: bool) -> Sheet:
    """The list; its card-number column is read only when cards are issued, and then it must be there."""
    sheet = importing.read_sheet(path)
    if with_cards and "card" not in sheet.headers:
        raise InvalidInput("the list has no card number column (%(column)s)", field="file",
                           column=importing.HEADERS["card"][0])
    if not with_cards:
        sheet = Sheet({f: h for f, h in sheet.headers.items() if f != "card"}, sheet.rows)
    return sheet


class CardStep:
    """Issue each saved row's card, refusing a number given to someone else or twice in the list."""

    def __init__(self, actor: Actor) -> None:
        self.actor, self.issued = actor, 0
        self.first_row: dict[str, int] = {}

    def __call__(self, session: Session, resident: Resident, row: ParsedRow) -> None:
        if not row.card:
            return
        first = self.first_row.setdefault(row.card, row.number)
        if first != row.number:
            raise InvalidInput("the same card number is already in row %(row)s", field="card", row=first)
        card = session.scalar(select(Card).where(Card.uid == row.card))
        if card is not None and card.status != "returned":
            if card.resident_id == resident.id:
                return  # theirs already: a list imported again issues nothing twice
            holder = session.get(Resident, card.resident_id)
            raise Conflict("card %(uid)s is already issued to %(holder)s", code="card_exists", field="card",
                           uid=card.uid, holder=masked_resident(holder.name, holder.id_number) if holder else "?")
        active = session.scalar(select(Card.uid).where(Card.resident_id == resident.id, Card.status == "active"))
        if active is not None:
            raise Conflict("this resident already has card %(uid)s; give a new card by replacing it",
                           code="card_exists", field="card", uid=active)
        issue_in(session, resident.id, row.card, 0, "cash", self.actor)
        self.issued += 1


def keep_upload(instance: Path, filename: str, data: bytes, now: float | None = None) -> tuple[str, str]:
    """Store an uploaded list under a random name, readable by the server only; returns (token, suffix)."""
    suffix = Path(filename or "").suffix.lower()
    if suffix not in SUFFIXES:
        raise InvalidInput("only .csv and .xlsx files can be imported", field="file")
    if not data:
        raise InvalidInput("is required", field="file")
    folder = instance / FOLDER
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    _remove_stale(folder, now or time.time())
    token = secrets.token_hex(16)
    path = folder / f"{token}{suffix}"
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as out:
        out.write(data)
    return token, suffix


def upload_path(instance: Path, token: str, suffix: str) -> Path:
    """The stored upload for this token, or a refusal saying to upload it again."""
    path = instance / FOLDER / f"{token}{suffix}"
    if not TOKEN.match(token) or suffix not in SUFFIXES or not path.is_file():
        raise NotFound("the uploaded list is no longer here; please upload it again", code="upload_gone")
    return path


def discard_upload(instance: Path, token: str, suffix: str) -> None:
    """Remove a stored upload (after it was imported, or replaced by another)."""
    if TOKEN.match(token) and suffix in SUFFIXES:
        (instance / FOLDER / f"{token}{suffix}").unlink(missing_ok=True)


def _remove_stale(folder: Path, now: float) -> None:
    for path in folder.iterdir():
        if path.suffix in SUFFIXES and now - path.stat().st_mtime > KEEP_SECONDS:
            path.unlink(missing_ok=True)
