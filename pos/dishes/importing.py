"""Importing the catalog from a spreadsheet: every row checked first, then all of it written, or nothing.

A row names its dish by code (a new code adds a dish) or, without a code, by name. A new dish is on sale
from today at its price; a changed price of a dish already sold takes effect on the day the manager chose
for the file (today or later: sales settled on an earlier day keep their price).
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from pos.audit import Actor
from pos.db import Database
from pos.dishes import prices
from pos.dishes.details import CATEGORIES, DishIn, attributes_of, check_dish
from pos.dishes.entry import read_flag, read_grams, read_whole, read_yuan
from pos.dishes.models import Dish
from pos.dishes.services import (
    add_dish_in,
    check_unique,
    checked_change,
    described,
    edit_dish_in,
    locked,
    set_on_sale_in,
)
from pos.dishes.sheet import COLUMNS, cell_text, choice, choices
from pos.errors import CanteenError, InvalidInput
from pos.spreadsheets import Problem, Sheet

T = TypeVar("T")
TEXT_COLUMNS = ("code", "name", "name_en", "main_ingredient")


@dataclass(frozen=True)
class ImportRow:
    """A good row and what it will do: add a dish, change it, change its price, take it off sale or back."""

    number: int
    data: DishIn
    price_fen: int | None
    on_sale: bool | None
    dish_id: int | None = None  # the dish it changes; None: a new dish
    changes_details: bool = False
    new_price: bool = False
    changes_sale: bool = False

    @property
    def unchanged(self) -> bool:
        return self.dish_id is not None and not (self.changes_details or self.new_price or self.changes_sale)


@dataclass(frozen=True)
class ImportPlan:
    """The file checked against the catalog: the rows it would write, or every problem found."""

    rows: list[ImportRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    effective_from: date | None = None

    def count(self, what: str) -> int:
        """Rows that add, change, reprice, take off sale or leave a dish as it is."""
        tests: dict[str, Callable[[ImportRow], bool]] = {
            "added": lambda r: r.dish_id is None, "changed": lambda r: r.dish_id is not None and r.changes_details,
            "repriced": lambda r: r.dish_id is not None and r.new_price,
            "on_sale": lambda r: r.dish_id is not None and r.changes_sale, "unchanged": lambda r: r.unchanged}
        return sum(1 for row in self.rows if tests[what](row))


def plan_import(session: Session, sheet: Sheet, today: date, effective_from: date) -> ImportPlan:
    """Every row checked, against the catalog and the rows above it; nothing is written."""
    if effective_from < today:
        raise InvalidInput(prices.PAST_DAY, field="effective_from", day=effective_from.isoformat(),
                           today=today.isoformat())
    plan = ImportPlan(effective_from=effective_from)
    seen: dict[tuple[str, str], int] = {}
    for number, cells in sheet.rows:
        row, problems = _check_row(session, number, cells, sheet.headers, effective_from)
        if row is not None:
            for key in (("code", row.data.code), ("name", row.data.name)):
                if key[1] and key in seen:
                    problems.append(Problem(number, _header(sheet.headers, key[0]), InvalidInput(
                        "is the same as in row %(row)s", field=key[0], row=seen[key])))
                seen.setdefault(key, number)
        plan.problems.extend(problems)
        if row is not None and not problems:
            plan.rows.append(row)
    return plan


def import_catalog(db: Database, sheet: Sheet, today: date, effective_from: date, actor: Actor) -> ImportPlan:
    """Check the file again and, when no row is wrong, write every row in one transaction, each audited."""
    with db.unit_of_work() as session:
        plan = plan_import(session, sheet, today, effective_from)
        if plan.problems:
            return plan
        for row in plan.rows:
            _apply(session, row, today, effective_from, actor)
        return plan


def _apply(session: Session, row: ImportRow, today: date, effective_from: date, actor: Actor) -> None:
    if row.dish_id is None:
        dish = add_dish_in(session, row.data, row.price_fen or 0, today, actor)
        if row.on_sale is False:
            set_on_sale_in(session, dish, False, actor)
        return
    dish = locked(session, row.dish_id)
    if row.changes_details:
        edit_dish_in(session, dish, row.data, actor)
    if row.new_price and row.price_fen is not None:
        prices.record_price_change(session, dish.id, row.price_fen, effective_from, today, actor)
    if row.changes_sale and row.on_sale is not None:
        set_on_sale_in(session, dish, row.on_sale, actor)


def _check_row(session: Session, number: int, cells: Mapping[str, object], headers: Mapping[str, str],
               effective_from: date) -> tuple[ImportRow | None, list[Problem]]:
    """One row read cell by cell (every unreadable cell reported), then checked whole (its first problem)."""
    problems: list[Problem] = []

    def take(name: str, read: Callable[[str], T], default: T) -> T:
        try:
            return read(cell_text(cells.get(name)))
        except InvalidInput as exc:
            problems.append(Problem(number, _header(headers, name), exc))
            return default

    def one(name: str) -> str:
        return take(name, lambda text: choice(name, text) if text else "", "")

    def many(name: str) -> tuple[str, ...]:
        return take(name, lambda text: tuple(choices(name, text)), ())

    def whole(name: str) -> int:
        return take(name, lambda text: read_whole(text, name), 0)

    def grams(name: str) -> Decimal:
        return take(name, lambda text: read_grams(text, name), Decimal(0))

    text = {name: cell_text(cells.get(name)) for name in TEXT_COLUMNS}
    dish = _dish_for(session, text["code"], text["name"])
    kept = dish.category if dish is not None and dish.category not in CATEGORIES else None  # one the API gave
    category = kept if kept and cell_text(cells.get("category")) == kept else one("category")
    if not category and "category" not in {p.error.field for p in problems}:
        problems.append(Problem(number, _header(headers, "category"), InvalidInput("is required", field="category")))
    data = DishIn(
        code=text["code"], name=text["name"], name_en=text["name_en"], category=category,
        main_ingredient=text["main_ingredient"], food_group=one("food_group"), other_groups=many("other_groups"),
        grain=one("grain"), method=one("method"), flags=many("flags"), allergens=many("allergens"),
        kcal=whole("kcal"), protein_g=grams("protein_g"), fat_g=grams("fat_g"), sodium_mg=whole("sodium_mg"),
        cost_fen=take("cost", lambda text: read_yuan(text, "cost", blank=0), 0), seasons=many("seasons"),
        periods=many("periods"), wok_min=whole("wok_min"), prep_min=whole("prep_min"),
        is_delivery_fee=take("is_delivery_fee", lambda text: read_flag(text, "is_delivery_fee"), False))
    price = take("price", lambda text: read_yuan(text, "price") if text else None, None)
    on_sale = take("on_sale", lambda text: read_flag(text, "on_sale") if text else None, None)
    if problems:
        return None, problems
    try:
        return _planned_row(session, number, dish, data, price, on_sale, effective_from), problems
    except CanteenError as exc:
        problems.append(Problem(number, _header(headers, exc.field or "name"), exc))
        return None, problems


def _planned_row(session: Session, number: int, dish: Dish | None, data: DishIn, price: int | None,
                 on_sale: bool | None, effective_from: date) -> ImportRow:
    """What a readable row would do to the catalog; InvalidInput or Conflict (naming the field) if it may not."""
    if price is not None:
        prices.checked_price(price)
    if dish is None:
        data = check_dish(data)
        check_unique(session, data)
        if price is None:
            raise InvalidInput("is required for a new dish", field="price")
        return ImportRow(number, data, price, on_sale)
    data = checked_change(session, dish, data if data.code else replace(data, code=dish.code))
    before = described(dish)
    after = before | {"code": data.code, "name": data.name, "name_en": data.name_en, "category": data.category,
                      "is_delivery_fee": data.is_delivery_fee,
                      "attributes": {k: v for k, v in sorted(attributes_of(data).items()) if k != "popularity"}}
    new_price = price is not None and price != prices.price_on(session, dish.id, effective_from)
    return ImportRow(number, data, price, on_sale, dish.id, changes_details=after != before, new_price=new_price,
                     changes_sale=on_sale is not None and on_sale != dish.active)


def _dish_for(session: Session, code: str, name: str) -> Dish | None:
    """The dish a row names: by its code, else (no code) by its name."""
    if code:
        return session.scalar(select(Dish).where(Dish.code == code))
    return session.scalar(select(Dish).where(Dish.name == name)) if name else None


def _header(headers: Mapping[str, str], name: str) -> str:
    """A column as the file writes it (or, missing from the file, as the export would)."""
    name = {"cost_fen": "cost"}.get(name, name)
    return headers.get(name) or COLUMNS.get(name, (name,))[0]
