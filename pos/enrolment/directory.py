"""The residents list: search and filters as one SQL query, sorted and paged in the database.

What a search box holds decides what it searches, each through an index (pos.residents.search_keys):
  张桂兰, 桂兰  a name or part of it
  zgl           the pinyin initials, from the start (ZGL, zg)
  5678, 000X    the last digits of the ID or phone number (four or more)
  04A1B2C3      a card number in any form a reader types (pos.credentials.lookup candidates)
Numbers are shown masked (pos.residents.masks) unless the caller says the viewer may see them whole.
"""
from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import ColumnElement, Select, and_, exists, false, func, or_, select
from sqlalchemy.orm import Session

from cards.errors import UidInvalid
from cards.identifiers import candidate_uids
from pos.audit import Actor, record
from pos.credentials.models import Card
from pos.db import Database
from pos.errors import InvalidInput
from pos.ledger.models import Account
from pos.residents.masks import mask_number
from pos.residents.models import STATUSES, Resident, ResidentCategory
from pos.residents.search_keys import LAST
from subsidy import age_on

PER_PAGE = 50
EXPORTED_IN_FULL = "resident.exported_in_full"
MAX_PAGE = 100_000
INITIALS = re.compile(r"[a-z]+")
LAST_DIGITS = re.compile(r"[0-9]*[0-9X]")


@dataclass(frozen=True)
class ResidentQuery:
    """What the list is asked for: a search text, a category held today, a status, a page."""

    text: str = ""
    category: str = ""
    status: str = ""
    page: int = 1
    per_page: int = PER_PAGE


@dataclass(frozen=True)
class ListedResident:
    """One row of the list."""

    id: int
    name: str
    id_number: str
    phone: str
    sex: str
    age: int
    status: str
    status_date: date | None
    balance_fen: int
    categories: list[str] = field(default_factory=list)  # codes held today
    cards: list[tuple[str, str]] = field(default_factory=list)  # (uid, status), not returned ones
    diet: list[str] = field(default_factory=list)
    allergens: list[str] = field(default_factory=list)
    emergency_name: str = ""
    emergency_phone: str = ""
    address: str = ""


@dataclass(frozen=True)
class ResidentPage:
    """A page of the list and how many residents match in all."""

    rows: list[ListedResident]
    total: int
    page: int
    pages: int


def find_residents(session: Session, query: ResidentQuery, today: date, in_full: bool = False) -> ResidentPage:
    """The page of residents matching `query`, in pinyin order of their names."""
    conditions = filters(session, query, today)
    total = session.scalar(select(func.count()).select_from(Resident).where(*conditions)) or 0
    pages = max(1, -(-total // query.per_page))
    page = min(max(1, query.page), pages)
    ids = list(session.scalars(select(Resident.id).where(*conditions).order_by(*ORDER)
                               .limit(query.per_page).offset((page - 1) * query.per_page)))
    return ResidentPage(listed(session, ids, today, in_full), total, page, pages)


def all_residents(session: Session, query: ResidentQuery, today: date, in_full: bool = False,
                  batch: int = 1000) -> Iterator[ListedResident]:
    """Every resident matching `query`, in list order, read a batch at a time (for the export)."""
    ids = list(session.scalars(select(Resident.id).where(*filters(session, query, today)).order_by(*ORDER)))
    for start in range(0, len(ids), batch):
        yield from listed(session, ids[start:start + batch], today, in_full)


ORDER = (Resident.name_initials, Resident.name, Resident.id)


def filters(session: Session, query: ResidentQuery, today: date) -> list[ColumnElement[bool]]:
    """The WHERE conditions of a query; an unknown status is refused, naming the field."""
    conditions = []
    found = matching(session, query.text)
    if found is not None:
        conditions.append(found)
    if query.status:
        if query.status not in STATUSES:
            raise InvalidInput("must be one of %(choices)s", field="status", choices=", ".join(STATUSES))
        conditions.append(Resident.status == query.status)
    if query.category:
        grant = ResidentCategory
        conditions.append(exists().where(
            grant.resident_id == Resident.id, grant.category_code == query.category, grant.revoked_at.is_(None),
            or_(grant.valid_from.is_(None), grant.valid_from <= today),
            or_(grant.valid_to.is_(None), grant.valid_to >= today)))
    return conditions


def matching(session: Session, text: str) -> ColumnElement[bool] | None:
    """The search box as a condition (None when empty): each reading of the text that makes sense, OR-ed."""
    typed = " ".join(unicodedata.normalize("NFKC", text).split())
    if not typed:
        return None
    compact = typed.replace(" ", "")
    terms: list[ColumnElement[bool]] = []
    if not typed.isascii() or " " in typed:
        terms.append(Resident.name.contains(typed, autoescape=True))
    if INITIALS.fullmatch(compact.lower()):
        terms.append(_starts_with(compact.lower()))
    if len(compact) >= LAST and LAST_DIGITS.fullmatch(compact.upper()):
        terms.extend(_ends_with(compact.upper()))
    cards = _card_candidates(compact)
    if cards:  # the card's holder first, by the card's unique index: then the resident by primary key
        holders = list(session.scalars(select(Card.resident_id).where(Card.uid.in_(cards))))
        if holders:
            terms.append(Resident.id.in_(holders))
    return or_(*terms) if terms else false()


def _starts_with(start: str) -> ColumnElement[bool]:
    """Initials beginning with `start`, as a range every database answers from the index (zg: from zg to zh)."""
    column = Resident.name_initials
    conditions = [column >= start, column.startswith(start, autoescape=True)]
    stem = start.rstrip("z")  # zz has no next prefix of the same length: no upper bound
    if stem:
        conditions.append(column < stem[:-1] + chr(ord(stem[-1]) + 1))
    return and_(*conditions)


def _ends_with(digits: str) -> list[ColumnElement[bool]]:
    """ID or phone number ending in `digits`: the indexed last four, then the whole ending when longer."""
    tail = digits[-LAST:]
    id_match: ColumnElement[bool] = Resident.id_last4 == tail
    phone_match: ColumnElement[bool] = Resident.phone_last4 == tail
    if len(digits) > LAST:
        id_match = and_(id_match, Resident.id_number.endswith(digits, autoescape=True))
        phone_match = and_(phone_match, Resident.phone.endswith(digits, autoescape=True))
    return [id_match, phone_match]


def _card_candidates(text: str) -> list[str]:
    """The card UIDs the text may stand for, or none when it is no card number."""
    try:
        return candidate_uids(text)
    except UidInvalid:
        return []


def listed(session: Session, ids: Sequence[int], today: date, in_full: bool) -> list[ListedResident]:
    """The rows for these residents, in this order: four queries, whatever the page size."""
    if not ids:
        return []
    residents = {r.id: r for r in session.execute(_columns().where(Resident.id.in_(ids)))}
    held: dict[int, list[str]] = defaultdict(list)
    for resident_id, code in session.execute(
            select(ResidentCategory.resident_id, ResidentCategory.category_code)
            .where(ResidentCategory.resident_id.in_(ids), ResidentCategory.revoked_at.is_(None),
                   or_(ResidentCategory.valid_from.is_(None), ResidentCategory.valid_from <= today),
                   or_(ResidentCategory.valid_to.is_(None), ResidentCategory.valid_to >= today))
            .order_by(ResidentCategory.id)):
        if code not in held[resident_id]:
            held[resident_id].append(code)
    cards: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for resident_id, uid, status in session.execute(
            select(Card.resident_id, Card.uid, Card.status)
            .where(Card.resident_id.in_(ids), Card.status != "returned").order_by(Card.id)):
        cards[resident_id].append((uid, status))
    balances: dict[int | None, int] = {
        resident_id: fen for resident_id, fen in session.execute(
            select(Account.resident_id, Account.balance_fen).where(Account.resident_id.in_(ids)))}
    shown = (lambda number: number) if in_full else mask_number
    return [ListedResident(
        id=r.id, name=r.name, id_number=shown(r.id_number), phone=shown(r.phone), sex=r.sex,
        age=age_on(r.birth_date, today), status=r.status, status_date=r.status_date,
        balance_fen=balances.get(r.id, 0), categories=held[r.id], cards=cards[r.id], diet=list(r.diet or []),
        allergens=list(r.allergens or []), emergency_name=r.emergency_name,
        emergency_phone=shown(r.emergency_phone), address=r.address if in_full else "")
        for r in (residents[i] for i in ids)]


def _columns() -> Select:
    return select(Resident.id, Resident.name, Resident.id_number, Resident.phone, Resident.sex, Resident.birth_date,
                  Resident.status, Resident.status_date, Resident.diet, Resident.allergens, Resident.emergency_name,
                  Resident.emergency_phone, Resident.address)


def residents_in_full(db: Database, query: ResidentQuery, today: date, actor: Actor) -> list[ListedResident]:
    """Every matching resident with whole numbers (an admin's export); the export is audited with its query."""
    with db.unit_of_work() as session:
        rows = list(all_residents(session, query, today, in_full=True))
        record(session, actor, EXPORTED_IN_FULL, "resident", "list", after={
            "text": query.text, "category": query.category, "status": query.status, "count": len(rows)})
        return rows
