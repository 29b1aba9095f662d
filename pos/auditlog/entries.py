"""Reading the audit log: filtered by who, what, resident and day, newest first, paged in SQL, each row with
the names of who and where, its subject, its changes in a readable form and the sale or transaction it names.

Reads only: nothing here, nor on its page, changes a row (the database refuses it anyway).
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import Session

from pos.audit.models import AuditEntry
from pos.auditlog.changes import Change, changes
from pos.auth.models import User
from pos.clock import utc_bounds
from pos.credentials.models import Card
from pos.dishes.models import Dish
from pos.errors import InvalidInput
from pos.input_text import typed_day, typed_id
from pos.residents.models import Resident
from pos.sales.models import Sale, SaleVoid
from pos.terminals.models import Terminal

PAGE_SIZE = 50
ACTION_PREFIX = re.compile(r"[a-z_]+(\.[a-z_]*)?")  # card. or wallet.top_up


@dataclass(frozen=True)
class AuditFilter:
    """Which rows: by a member of staff, an action or its prefix, about a resident, on a day (all by default)."""

    staff_id: int | None = None
    action: str = ""
    resident_id: int | None = None
    day: date | None = None
    page: int = 1


@dataclass(frozen=True)
class AuditRow:
    """A row as the page shows it."""

    entry: AuditEntry
    who: str | None  # the member of staff's name, or the resident's
    by_resident: bool
    where: str | None  # the terminal's name
    subject: str  # the subject's name or number
    sale_id: int | None  # the sale the row is about, or whose transaction it names
    changes: list[Change]


@dataclass(frozen=True)
class AuditPage:
    rows: list[AuditRow]
    page: int
    has_next: bool


def read_filter(args: Mapping[str, str]) -> AuditFilter:
    """The filter from the page's query string; InvalidInput names the field."""
    action = (args.get("what") or "").strip()
    if action and (len(action) > AuditEntry.action.type.length or not ACTION_PREFIX.fullmatch(action)):
        raise InvalidInput("must be an action or the start of one, such as card. or wallet.top_up", field="what")
    return AuditFilter(typed_id(args.get("who"), "who"), action, typed_id(args.get("resident"), "resident"),
                       typed_day(args.get("day")), typed_id(args.get("page"), "page") or 1)


def conditions(wanted: AuditFilter, zone: str) -> list[ColumnElement[bool]]:
    """The WHERE clauses of a filter."""
    where: list[ColumnElement[bool]] = []
    if wanted.staff_id:
        where.append(AuditEntry.staff_id == wanted.staff_id)
    if wanted.action:
        prefix = wanted.action if "." in wanted.action else wanted.action + "."  # "card" means card.*
        where.append(AuditEntry.action.startswith(prefix, autoescape=True))
    if wanted.resident_id:
        where.append(or_(and_(AuditEntry.subject == "resident", AuditEntry.subject_id == str(wanted.resident_id)),
                         AuditEntry.resident_id == wanted.resident_id))
    if wanted.day:
        start, stop = utc_bounds(wanted.day, wanted.day + timedelta(days=1), zone)
        where += [AuditEntry.at >= start, AuditEntry.at < stop]
    return where


def list_entries(session: Session, wanted: AuditFilter, zone: str, language: str) -> AuditPage:
    """One page of the filtered log, newest first (one row more is read to know whether a next page exists)."""
    query = (select(AuditEntry).where(*conditions(wanted, zone)).order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
             .limit(PAGE_SIZE + 1).offset((wanted.page - 1) * PAGE_SIZE))
    found = list(session.scalars(query))
    return AuditPage(describe(session, found[:PAGE_SIZE], language), wanted.page, len(found) > PAGE_SIZE)


def rows_of_transaction(session: Session, transaction_id: int, language: str) -> list[AuditRow]:
    """The rows that name one ledger transaction, oldest first."""
    return describe(session, list(session.scalars(select(AuditEntry).where(
        AuditEntry.transaction_id == transaction_id).order_by(AuditEntry.id))), language)


def describe(session: Session, entries: list[AuditEntry], language: str) -> list[AuditRow]:
    """Each entry with the names it refers to, read in a few queries for the whole page."""
    names = Names(session, entries)
    return [AuditRow(e, names.resident(e.resident_id) if e.resident_id else names.staff.get(e.staff_id or 0),
                     e.resident_id is not None, names.terminals.get(e.terminal_id or 0),
                     names.subject(e.subject, e.subject_id), names.sale_of(e), changes(e.before, e.after, language))
            for e in entries]


class Names:
    """Names of the staff, terminals, residents, sales, cards and dishes a page of rows refers to."""

    def __init__(self, session: Session, entries: list[AuditEntry]) -> None:
        ids: dict[str, set[int]] = defaultdict(set)
        for e in entries:
            if e.subject_id.isdigit() and len(e.subject_id) < 10:
                ids[e.subject].add(int(e.subject_id))
        self.staff = _by_id(session, User.id, User.display_name, {e.staff_id for e in entries} | ids["staff"])
        self.terminals = _by_id(session, Terminal.id, Terminal.name, {e.terminal_id for e in entries} | ids["terminal"])
        self.residents = _by_id(session, Resident.id, Resident.name, {e.resident_id for e in entries} | ids["resident"])
        self.receipts = _by_id(session, Sale.id, Sale.receipt_no, ids["sale"])
        self.cards = _by_id(session, Card.id, Card.uid, ids["card"])
        self.dishes = _by_id(session, Dish.id, Dish.name, ids["dish"])
        self.sales_by_transaction = sales_of_transactions(session, {e.transaction_id for e in entries})

    def resident(self, resident_id: int) -> str:
        return f"{self.residents.get(resident_id, '')} #{resident_id}".strip()

    def subject(self, subject: str, subject_id: str) -> str:
        """The subject's name with its number, or its number alone."""
        known = {"staff": self.staff, "terminal": self.terminals, "sale": self.receipts, "card": self.cards,
                 "dish": self.dishes}.get(subject)
        if subject == "resident" and subject_id.isdigit() and len(subject_id) < 10:
            return self.resident(int(subject_id))
        name = known.get(int(subject_id)) if known is not None and subject_id.isdigit() and len(subject_id) < 10 \
            else None
        return f"{name} #{subject_id}" if name else subject_id

    def sale_of(self, entry: AuditEntry) -> int | None:
        """The sale a row is about, or whose transaction (or its void's) it names."""
        if entry.subject == "sale" and entry.subject_id.isdigit() and int(entry.subject_id) in self.receipts:
            return int(entry.subject_id)
        return self.sales_by_transaction.get(entry.transaction_id or 0)


def _by_id(session: Session, key, value, ids: Iterable[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i}
    if not wanted:
        return {}
    return {k: v for k, v in session.execute(select(key, value).where(key.in_(wanted)))}


def sales_of_transactions(session: Session, transaction_ids: Iterable[int | None]) -> dict[int, int]:
    """transaction id -> sale id, for sales and voids among those transactions."""
    wanted = {i for i in transaction_ids if i}
    if not wanted:
        return {}
    sold = session.execute(select(Sale.transaction_id, Sale.id).where(Sale.transaction_id.in_(wanted)))
    voided = session.execute(select(SaleVoid.transaction_id, SaleVoid.sale_id)
                             .where(SaleVoid.transaction_id.in_(wanted)))
    return {txn: sale for txn, sale in [*sold, *voided]}


def staff_choices(session: Session) -> list[tuple[int, str]]:
    """Every member of staff, for the "who" filter: (id, name), by name."""
    return [(row.id, row.display_name) for row in
            session.execute(select(User.id, User.display_name).order_by(User.display_name, User.id))]
