"""The back office's list of sales: filtered, sorted and paged in SQL, with the filtered set's totals."""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import ColumnElement, case, func, select
from sqlalchemy.orm import Session

from pos.auth.models import User
from pos.errors import InvalidInput
from pos.input_text import MAX_ID, checked_text, column_length, typed_day, typed_id
from pos.residents.models import Resident
from pos.sales.models import Sale, SaleVoid
from pos.terminals.models import Terminal
from vocabulary import MEAL_PERIODS

PAGE_SIZE = 50
# What the list may be sorted by; "-" in front sorts that column from the largest (or newest) down.
SORTS = {"time": Sale.sold_at, "receipt": Sale.receipt_no, "total": Sale.total_fen, "subsidy": Sale.subsidy_fen,
         "paid": Sale.paid_fen}
DEFAULT_SORT = "-time"
WHOLE_RECEIPT = re.compile(r"\d{8}-\d+")  # 20261130-0001: a receipt number names its day


@dataclass(frozen=True)
class SaleFilter:
    """Which sales to list: a day (None: every day) and any of period, cashier, terminal, resident, receipt."""

    day: date | None
    meal_period: str | None = None
    cashier_id: int | None = None
    terminal_id: int | None = None
    resident: str = ""  # a resident's number, or part of a name
    receipt_no: str = ""  # a whole receipt number (any day), or its end (e.g. 0003) on the chosen day
    sort: str = DEFAULT_SORT
    page: int = 1


@dataclass(frozen=True)
class SaleRow:
    """One sale as the list shows it."""

    sale: Sale
    resident_name: str | None
    cashier_name: str | None
    terminal_name: str | None
    voided_at: datetime | None


@dataclass(frozen=True)
class SaleTotals:
    """The filtered set: sales in it, those voided, and the meals and money of those standing."""

    sales: int
    voided: int
    total_fen: int
    subsidy_fen: int
    paid_fen: int

    @property
    def meals(self) -> int:
        return self.sales - self.voided


@dataclass(frozen=True)
class SalePage:
    """One page of the list, and the totals of everything the filter selects."""

    rows: list[SaleRow]
    totals: SaleTotals
    page: int
    pages: int


def read_filter(args: Mapping[str, str], today: date) -> SaleFilter:
    """The filter from a page's query string; no `day` means today, an empty one every day."""
    day = typed_day(args["day"]) if "day" in args else today
    period = (args.get("meal_period") or "").strip() or None
    if period is not None and period not in MEAL_PERIODS:
        raise InvalidInput("must be one of %(choices)s", field="meal_period", choices=", ".join(MEAL_PERIODS))
    sort = args.get("sort") or DEFAULT_SORT
    if sort.removeprefix("-") not in SORTS:
        raise InvalidInput("is not a column the list can be sorted by", field="sort")
    return SaleFilter(day, period, typed_id(args.get("cashier"), "cashier"), typed_id(args.get("terminal"), "terminal"),
                      checked_text((args.get("resident") or "").strip(), column_length(Resident.name), "resident"),
                      checked_text((args.get("receipt_no") or "").strip(), column_length(Sale.receipt_no),
                                   "receipt_no"),
                      sort, typed_id(args.get("page"), "page") or 1)


def _like(text: str) -> str:
    """`text` as a LIKE pattern that matches it literally."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def conditions(canteen_id: int, wanted: SaleFilter) -> list[ColumnElement[bool]]:
    """The WHERE clauses of a filter (shared by the page and its totals)."""
    where: list[ColumnElement[bool]] = [Sale.canteen_id == canteen_id]
    whole_receipt = bool(WHOLE_RECEIPT.fullmatch(wanted.receipt_no))
    if wanted.day is not None and not whole_receipt:
        where.append(Sale.business_date == wanted.day)
    if whole_receipt:
        where.append(Sale.receipt_no == wanted.receipt_no)
    elif wanted.receipt_no:
        where.append(Sale.receipt_no.like("%" + _like(wanted.receipt_no), escape="\\"))
    if wanted.meal_period:
        where.append(Sale.meal_period == wanted.meal_period)
    if wanted.cashier_id:
        where.append(Sale.cashier_id == wanted.cashier_id)
    if wanted.terminal_id:
        where.append(Sale.terminal_id == wanted.terminal_id)
    if wanted.resident.isascii() and wanted.resident.isdigit():
        where.append(Sale.resident_id == int(wanted.resident) if int(wanted.resident) <= MAX_ID else Sale.id < 0)
    elif wanted.resident:
        named = select(Resident.id).where(Resident.name.like("%" + _like(wanted.resident) + "%", escape="\\"))
        where.append(Sale.resident_id.in_(named))
    return where


def totals(session: Session, canteen_id: int, wanted: SaleFilter) -> SaleTotals:
    """Count the filtered sales and add up those not voided."""
    standing = SaleVoid.id.is_(None)

    def total(column) -> ColumnElement[int]:
        return func.coalesce(func.sum(case((standing, column), else_=0)), 0)

    row = session.execute(
        select(func.count(Sale.id), func.count(SaleVoid.id), total(Sale.total_fen), total(Sale.subsidy_fen),
               total(Sale.paid_fen))
        .select_from(Sale).outerjoin(SaleVoid, SaleVoid.sale_id == Sale.id)
        .where(*conditions(canteen_id, wanted))).one()
    return SaleTotals(*(int(x) for x in row))


def list_sales(session: Session, canteen_id: int, wanted: SaleFilter) -> SalePage:
    """One page of the filtered sales in the chosen order, with the totals of them all."""
    summary = totals(session, canteen_id, wanted)
    pages = max(1, -(-summary.sales // PAGE_SIZE))
    page = min(wanted.page, pages)
    column = SORTS[wanted.sort.removeprefix("-")]
    order = (column.desc(), Sale.id.desc()) if wanted.sort.startswith("-") else (column.asc(), Sale.id.asc())
    query = (select(Sale, Resident.name, User.display_name, Terminal.name, SaleVoid.voided_at)
             .outerjoin(Resident, Resident.id == Sale.resident_id).outerjoin(User, User.id == Sale.cashier_id)
             .outerjoin(Terminal, Terminal.id == Sale.terminal_id).outerjoin(SaleVoid, SaleVoid.sale_id == Sale.id)
             .where(*conditions(canteen_id, wanted)).order_by(*order)
             .limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE))
    rows = [SaleRow(*row) for row in session.execute(query)]
    return SalePage(rows, summary, page, pages)


def staff_choices(session: Session) -> list[tuple[int, str]]:
    """Every member of staff, for the cashier filter: (id, name), by name."""
    return [(row.id, row.display_name) for row in
            session.execute(select(User.id, User.display_name).order_by(User.display_name, User.id))]


def terminal_choices(session: Session) -> list[tuple[int, str]]:
    """Every terminal, for the terminal filter: (id, name), by name."""
    return [(row.id, row.name) for row in session.execute(select(Terminal.id, Terminal.name).order_by(Terminal.name))]
