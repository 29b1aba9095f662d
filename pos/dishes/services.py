"""The dish catalog: the dishes on sale, adding and changing a dish, taking it off sale and back."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import uuid4

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pos.audit import Actor
from pos.audit import record as audit
from pos.db import Database
from pos.dishes.details import CATEGORIES, DishIn, attributes_of, check_dish, dish_in_of, planner_check
from pos.dishes.models import Dish
from pos.dishes.prices import next_prices, prices_on, set_first_price
from pos.dishes.search import initials, matching
from pos.errors import Conflict, InvalidInput, NotFound

PER_PAGE = 25
SORTS = {"code": (Dish.code,), "name": (Dish.initials, Dish.name), "category": (Dish.category, Dish.code)}


def dish_json(dish: Dish, price_fen: int) -> dict:
    """A dish as the API and the counter see it, at the price of the day asked for; the counter filters its dish
    buttons by the pinyin initials."""
    return {"id": dish.id, "code": dish.code, "name": dish.name, "name_en": dish.name_en,
            "category": dish.category, "price_fen": price_fen, "active": dish.active,
            "initials": dish.initials or initials(dish.name),
            "allergens": allergens_of(dish)}


def allergens_of(dish: Dish) -> list[str]:
    """The allergens the catalog says a dish contains, by code (peanut, soy), as its planning attributes keep them."""
    return [code.strip() for code in str((dish.attributes or {}).get("allergens", "")).split(";") if code.strip()]


def list_dishes(session: Session, day: date) -> list[dict]:
    """Dishes on sale and priced on `day`, by category and name, at that day's prices."""
    dishes = list(session.scalars(select(Dish).where(Dish.active).order_by(Dish.category, Dish.name)))
    prices = prices_on(session, day, [d.id for d in dishes])
    return [dish_json(d, prices[d.id]) for d in dishes if d.id in prices]


def get_dish(session: Session, dish_id: int) -> Dish:
    """One dish, or NotFound."""
    dish = session.get(Dish, dish_id)
    if dish is None:
        raise NotFound("there is no dish %(id)s", code="no_dish", id=dish_id)
    return dish


def add_dish(db: Database, data: DishIn, price_fen: int, today: date, actor: Actor) -> Dish:
    """Add a dish on sale at `price_fen` from today; the code defaults to a fresh one (D00042)."""
    with db.unit_of_work() as session:
        return add_dish_in(session, data, price_fen, today, actor)


def add_dish_in(session: Session, data: DishIn, price_fen: int, today: date, actor: Actor,
                any_category: bool = False) -> Dish:
    """`add_dish` in the caller's transaction (an import adds many)."""
    data = check_dish(data, any_category)
    attributes = {} if any_category else attributes_of(data)
    planner_check(data, attributes)
    check_unique(session, data)
    dish = Dish(code=data.code or f"new-{uuid4().hex}",  # numbered below, once the id is known
                name=data.name, name_en=data.name_en, category=data.category, is_delivery_fee=data.is_delivery_fee,
                attributes=attributes, initials=initials(data.name), active=True)
    session.add(dish)
    session.flush()
    if not data.code:
        dish.code = f"D{dish.id:05d}"
    set_first_price(session, dish, price_fen, today, actor)
    audit(session, actor, "dish.added", "dish", dish.id, after=described(dish) | {
        "price_fen": price_fen, "effective_from": today.isoformat()})
    return dish


def add_unplanned_dish(db: Database, code: str, name: str, name_en: str, category: str, price_fen: int,
                       today: date, actor: Actor) -> dict:
    """Add a dish without planning attributes (the API's way): sold at the counter, never planned."""
    with db.unit_of_work() as session:
        data = DishIn(name=name, category=category.strip(), code=code, name_en=name_en)
        return dish_json(add_dish_in(session, data, price_fen, today, actor, any_category=True), price_fen)


def edit_dish(db: Database, dish_id: int, data: DishIn, actor: Actor) -> Dish:
    """Change a dish's details (not its price: see prices.change_price); the changes go to the audit log."""
    with db.unit_of_work() as session:
        return edit_dish_in(session, locked(session, dish_id), data, actor)


def edit_dish_in(session: Session, dish: Dish, data: DishIn, actor: Actor) -> Dish:
    """`edit_dish` in the caller's transaction (an import changes many)."""
    data = checked_change(session, dish, data)
    old = dish.attributes or {}
    attributes = attributes_of(data, popularity=str(old.get("popularity", "0.5")))
    before = described(dish)
    dish.code, dish.name, dish.name_en, dish.category = data.code, data.name, data.name_en, data.category
    dish.is_delivery_fee, dish.initials = data.is_delivery_fee, initials(data.name)
    dish.attributes = attributes
    after = described(dish)
    changed = [key for key in after if after[key] != before.get(key)]
    if changed:
        audit(session, actor, "dish.changed", "dish", dish.id,
              before={k: before.get(k) for k in changed}, after={k: after[k] for k in changed})
    return dish


def checked_change(session: Session, dish: Dish, data: DishIn) -> DishIn:
    """New details for `dish`, checked whole; a category the API gave may stay as it is."""
    legacy = data.category == dish.category and dish.category not in CATEGORIES
    data = check_dish(data, any_category=legacy)
    if not data.code:
        raise InvalidInput("is required", field="code")
    planner_check(data, attributes_of(data))
    check_unique(session, data, dish.id)
    return data


def set_on_sale(db: Database, dish_id: int, on_sale: bool, actor: Actor) -> bool:
    """Take a dish off sale or bring it back; False when it already was. Old sales and menus keep it."""
    with db.unit_of_work() as session:
        return set_on_sale_in(session, locked(session, dish_id), on_sale, actor)


def set_on_sale_in(session: Session, dish: Dish, on_sale: bool, actor: Actor) -> bool:
    """`set_on_sale` in the caller's transaction."""
    if dish.active == on_sale:
        return False
    dish.active = on_sale
    audit(session, actor, "dish.back_on_sale" if on_sale else "dish.taken_off_sale", "dish", dish.id,
          before={"active": not on_sale}, after={"active": on_sale})
    return True


def locked(session: Session, dish_id: int) -> Dish:
    """A dish held for a change, or NotFound."""
    dish = session.get(Dish, dish_id, with_for_update=True)
    if dish is None:
        raise NotFound("there is no dish %(id)s", code="no_dish", id=dish_id)
    return dish


def check_unique(session: Session, data: DishIn, dish_id: int | None = None) -> None:
    """Refuse a code or a name another dish has, naming that dish."""
    others = select(Dish.code, Dish.name).where(Dish.id != dish_id) if dish_id else select(Dish.code, Dish.name)
    if data.code:
        taken = session.execute(others.where(Dish.code == data.code)).first()
        if taken is not None:
            raise Conflict("is already the code of %(name)s", code="dish_exists", field="code", name=taken.name)
    taken = session.execute(others.where(Dish.name == data.name)).first()
    if taken is not None:
        raise Conflict("is already the name of dish %(dish)s", code="dish_exists", field="name", dish=taken.code)


def described(dish: Dish) -> dict:
    """A dish's details as the audit log keeps them."""
    return {"code": dish.code, "name": dish.name, "name_en": dish.name_en, "category": dish.category,
            "is_delivery_fee": dish.is_delivery_fee,
            "attributes": {k: v for k, v in sorted((dish.attributes or {}).items()) if k != "popularity"}}


@dataclass(frozen=True)
class CatalogQuery:
    """What the catalog list shows: a search text, a category, on sale or off (None: both), a page, an order."""

    text: str = ""
    category: str = ""
    on_sale: bool | None = None
    page: int = 1
    sort: str = "code"


@dataclass(frozen=True)
class CatalogRow:
    dish: Dish
    price_fen: int | None  # in force today; None before its first price
    next_price: tuple[date, int] | None  # the next change, if one is set


@dataclass(frozen=True)
class CatalogPage:
    rows: list[CatalogRow]
    total: int
    page: int
    pages: int


def find_dishes(session: Session, query: CatalogQuery, today: date, per_page: int = PER_PAGE) -> CatalogPage:
    """One page of the catalog, filtered, counted and ordered in SQL, with today's prices."""
    where = []
    if query.text.strip():
        where.append(matching(query.text))
    if query.category:
        where.append(Dish.category == query.category)
    if query.on_sale is not None:
        where.append(Dish.active.is_(query.on_sale))
    total = session.scalar(select(func.count()).select_from(Dish).where(*where)) or 0
    pages = max(1, -(-total // per_page))
    page = min(max(1, query.page), pages)
    order = SORTS.get(query.sort, SORTS["code"])
    dishes = list(session.scalars(select(Dish).where(*where).order_by(*order, Dish.id)
                                  .limit(per_page).offset((page - 1) * per_page)))
    ids = [d.id for d in dishes]
    prices, coming = prices_on(session, today, ids), next_prices(session, today, ids)
    return CatalogPage([CatalogRow(d, prices.get(d.id), coming.get(d.id)) for d in dishes], total, page, pages)


def categories_in_use(session: Session) -> list[str]:
    """Every category some dish has, for the list's filter."""
    return list(session.scalars(select(Dish.category).distinct().order_by(Dish.category)))


__all__ = ["CatalogPage", "CatalogQuery", "CatalogRow", "add_dish", "add_unplanned_dish", "dish_in_of",
           "dish_json", "edit_dish", "find_dishes", "get_dish", "list_dishes", "set_on_sale"]
