"""The counter's dish panel for one day and meal period: the dishes grouped by set-meal position, the canteen's
favourites, the day's set meal as one button, and a version that changes whenever any of that would.

Without a published menu the panel offers the dishes served in the period (a dish's planning attribute
`periods`; a dish without attributes, such as a set-meal item or a drink, in every period), so breakfast
porridge does not crowd lunch. With one, it offers the published dishes and those never planned.
"""
from __future__ import annotations

import hashlib
import json
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from menu import SET_MEALS
from pos.audit import AuditEntry
from pos.dishes.details import LETTER_OF
from pos.dishes.models import Dish, DishPrice
from pos.dishes.prices import prices_on
from pos.menus.models import MenuSlot, MenuWeek
from pos.menus.published import published_slots
from pos.sales.models import Sale, SaleLine, SaleVoid
from vocabulary import MealPeriod

# Group order on the panel: set meals, then the positions in the order a meal is served, fruit and others last.
MAIN_ORDER = ("set", "meat", "half_meat", "tofu_egg", "vegetable", "staple", "soup", "porridge", "fruit", "other")
BREAKFAST_ORDER = ("set", "porridge", "staple", "tofu_egg", "vegetable", "soup", "half_meat", "meat", "fruit", "other")
OTHER = "other"  # categories a dish was given through the API (饮料...) are shown under "other"
SAME_AS = {"set_meal": "set"}  # an older spelling the API took
FAVOURITES = 6
FAVOURITE_DAYS = 28


def group_order(period: str) -> tuple[str, ...]:
    """The categories in the order the panel lists them at `period`."""
    return BREAKFAST_ORDER if period == MealPeriod.BREAKFAST.value else MAIN_ORDER


def served_in(dish: Dish, period: str) -> bool:
    """True when the dish is served at `period`; a dish without planning attributes is served at every one."""
    letters = str((dish.attributes or {}).get("periods") or "")
    return not letters or LETTER_OF[period] in letters


def grouped(dishes: list[Dish], period: str) -> list[dict]:
    """The dishes by category in the period's order, each group in the order given."""
    order = group_order(period)
    groups: dict[str, list[int]] = {category: [] for category in order}
    for dish in dishes:
        category = SAME_AS.get(dish.category, dish.category)
        groups[category if category in groups else OTHER].append(dish.id)
    return [{"category": category, "dish_ids": ids} for category, ids in groups.items() if ids]


def offered(session: Session, day: date, period: str
            ) -> tuple[list[Dish], list[tuple[MenuSlot, Dish]], dict[int, int]]:
    """The dishes the counter offers at `period` on `day` (priced that day), the published slots if any, and the
    day's prices."""
    slots = published_slots(session, day, period)
    rows = list(session.scalars(select(Dish).where(Dish.active).order_by(Dish.initials, Dish.name, Dish.id)))
    priced = prices_on(session, day, [d.id for d in rows])
    if slots:
        planned = [dish for _slot, dish in slots if dish.id in priced]
        ids = {dish.id for dish in planned}  # a published dish without attributes is offered once, not twice
        chosen = planned + [d for d in rows if not d.attributes and d.id in priced and d.id not in ids]
    else:
        chosen = [d for d in rows if d.id in priced and served_in(d, period)]
    return chosen, slots, priced


def favourites(session: Session, canteen_id: int | None, day: date, period: str, among: list[int]) -> list[int]:
    """The dishes of `among` sold most at this canteen in this period over the last four weeks (today too),
    most portions first; voided sales do not count."""
    if canteen_id is None or not among:
        return []
    sold = func.sum(SaleLine.qty)
    query = (select(SaleLine.dish_id).join(Sale, Sale.id == SaleLine.sale_id)
             .outerjoin(SaleVoid, SaleVoid.sale_id == Sale.id)
             .where(Sale.canteen_id == canteen_id, Sale.meal_period == period, SaleVoid.id.is_(None),
                    Sale.business_date > day - timedelta(days=FAVOURITE_DAYS), Sale.business_date <= day,
                    SaleLine.dish_id.in_(among))
             .group_by(SaleLine.dish_id).order_by(sold.desc(), SaleLine.dish_id).limit(FAVOURITES))
    return list(session.scalars(query))


def set_meal(slots: list[tuple[MenuSlot, Dish]], prices: dict[int, int], period: str, locale: str) -> dict | None:
    """The day's set meal: every published position of the period, named as the canteen's set meals are."""
    dishes = [dish for _slot, dish in slots if dish.id in prices]
    if len(dishes) < 2:
        return None  # one dish is no set meal
    positions = {slot.slot for slot, _dish in slots}
    name = next((meal.label(locale) for meal in SET_MEALS[MealPeriod(period)].values()
                 if {r.name for r in meal.template.roles} == positions), "")
    return {"name": name, "dish_ids": [d.id for d in dishes], "price_fen": sum(prices[d.id] for d in dishes)}


def counter_menu(session: Session, canteen_id: int | None, day: date, period: str, locale: str) -> dict:
    """The dish panel of `period` on `day`: groups, favourites, the set meal and its version."""
    dishes, slots, prices = offered(session, day, period)
    ids = [d.id for d in dishes]
    return {"day": day.isoformat(), "meal_period": period, "published": bool(slots),
            "version": menu_version(session, day, period), "groups": grouped(dishes, period),
            "favourites": favourites(session, canteen_id, day, period, ids),
            "set_meal": set_meal(slots, prices, period, locale) if slots else None}


def menu_version(session: Session, day: date, period: str) -> str:
    """A short fingerprint of what the panel of `period` on `day` shows: the published slots, the dishes on sale,
    the prices, and each audited change of a dish (a new name, category or meal periods). Two small indexed
    queries, so an open counter can ask every half minute."""
    published = session.execute(select(MenuSlot.slot, MenuSlot.dish_id).join(MenuWeek, MenuWeek.id == MenuSlot.week_id)
                                .where(MenuWeek.status == "published", MenuSlot.day == day,
                                       MenuSlot.meal_period == period).order_by(MenuSlot.slot)).all()
    catalog = session.execute(select(
        select(func.count(Dish.id)).where(Dish.active).scalar_subquery(),
        select(func.coalesce(func.sum(Dish.id), 0)).where(Dish.active).scalar_subquery(),
        select(func.coalesce(func.max(DishPrice.id), 0)).scalar_subquery(),
        select(func.coalesce(func.max(AuditEntry.id), 0)).where(AuditEntry.subject == "dish").scalar_subquery(),
    )).one()
    facts = [day.isoformat(), period, [list(row) for row in published], list(catalog)]
    return hashlib.sha1(json.dumps(facts).encode(), usedforsecurity=False).hexdigest()[:16]
