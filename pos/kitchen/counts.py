"""The kitchen's counts for one day and meal period, from the live orders (booked or served, not cancelled).

A set meal order holds one line per dish of the day's set meal, so every count adds up order lines: the
portions of a dish are the sum of its lines' quantities, split by the texture the resident needs.
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from sqlalchemy import Row, Select, String, cast, select
from sqlalchemy.orm import Session

from menu.labels import Category
from pos.dishes.models import Dish
from pos.dishes.services import allergens_of
from pos.kitchen.textures import TEXTURES, texture_of
from pos.orders.models import MealOrder, MealOrderLine
from pos.residents.models import Resident
from vocabulary import CHANNELS, OrderStatus

LIVE = (OrderStatus.BOOKED.value, OrderStatus.SERVED.value)
CATEGORY_ORDER = tuple(c.value for c in Category)  # meat first, as the dishes are served


@dataclass(frozen=True)
class DishCount:
    """Portions of one dish to cook, per texture need (normal, soft, minced)."""

    dish_id: int
    name: str
    name_en: str
    allergens: tuple[str, ...]
    by_texture: dict[str, int]

    @property
    def portions(self) -> int:
        return sum(self.by_texture.values())


@dataclass(frozen=True)
class FlaggedOrder:
    """An order whose resident has dietary needs or allergens, with the order's dishes holding any of the latter."""

    order_id: int
    resident_id: int
    resident_name: str
    channel: str
    diet: tuple[str, ...]
    allergens: tuple[str, ...]
    conflicts: tuple[int, ...]  # dish ids, in the kitchen's dish order


@dataclass(frozen=True)
class KitchenCounts:
    """What the kitchen cooks for a meal: meals by texture and channel, portions by dish, orders to watch."""

    day: date
    meal_period: str
    meals: int
    meals_by_texture: dict[str, int]
    meals_by_channel: dict[str, int]
    dishes: tuple[DishCount, ...]
    flagged: tuple[FlaggedOrder, ...]  # allergen conflicts first, then by name

    @property
    def portions_by_texture(self) -> dict[str, int]:
        return {t: sum(d.by_texture[t] for d in self.dishes) for t in TEXTURES}

    @property
    def portions(self) -> int:
        return sum(d.portions for d in self.dishes)

    def dish(self, dish_id: int) -> DishCount:
        return next(d for d in self.dishes if d.dish_id == dish_id)


@dataclass(frozen=True)
class _Order:
    id: int
    channel: str
    resident_id: int
    name: str
    initials: str
    diet: tuple[str, ...]
    allergens: tuple[str, ...]
    texture: str


def count_kitchen(session: Session, day: date, period: str) -> KitchenCounts:
    """The kitchen's counts for `period` on `day`: one statement reads the orders with their lines (so a booking
    made meanwhile is wholly in or wholly out), one more the dishes."""
    orders: dict[int, _Order] = {}
    portions: defaultdict[int, Counter[str]] = defaultdict(Counter)
    dishes_of: defaultdict[int, set[int]] = defaultdict(set)
    for row in session.execute(_live_lines(day, period)):
        order = orders.get(row.id) or orders.setdefault(row.id, _order(row))
        portions[row.dish_id][order.texture] += row.qty
        dishes_of[order.id].add(row.dish_id)
    dishes = _dish_counts(session, portions)
    rank = {d.dish_id: n for n, d in enumerate(dishes)}
    allergens = {d.dish_id: set(d.allergens) for d in dishes}
    flagged = []
    for order in orders.values():
        if order.diet or order.allergens:
            clash = sorted((d for d in dishes_of[order.id] if allergens[d] & set(order.allergens)),
                           key=rank.__getitem__)
            flagged.append((order, tuple(clash)))
    flagged.sort(key=lambda row: (not row[1], row[0].initials, row[0].name, row[0].id))
    return KitchenCounts(
        day, period, len(orders), _tally((o.texture for o in orders.values()), TEXTURES),
        _tally((o.channel for o in orders.values()), CHANNELS), dishes,
        tuple(FlaggedOrder(o.id, o.resident_id, o.name, o.channel, o.diet, o.allergens, clash)
              for o, clash in flagged))


def _tally(words, keys: tuple[str, ...]) -> dict[str, int]:
    counted = Counter(words)
    return {key: counted[key] for key in keys}


def _live_lines(day: date, period: str) -> Select:
    """Every line of the meal's live orders, with its order's channel and its resident's needs."""
    # The needs as their stored text, decoded once per distinct text (a handful), not once per line.
    return (select(MealOrder.id, MealOrder.channel, MealOrder.resident_id, Resident.name, Resident.name_initials,
                   cast(Resident.diet, String).label("diet"), cast(Resident.allergens, String).label("allergens"),
                   MealOrderLine.dish_id, MealOrderLine.qty)
            .join(Resident, Resident.id == MealOrder.resident_id)
            .join(MealOrderLine, MealOrderLine.order_id == MealOrder.id)
            .where(MealOrder.day == day, MealOrder.meal_period == period, MealOrder.status.in_(LIVE)))


def _order(row: Row) -> _Order:
    diet, allergens = _codes(row.diet), _codes(row.allergens)
    return _Order(row.id, row.channel, row.resident_id, row.name, row.name_initials or "", diet, allergens,
                  texture_of(diet))


@lru_cache(maxsize=256)
def _codes(stored: str | None) -> tuple[str, ...]:
    return tuple(json.loads(stored)) if stored else ()


def _dish_counts(session: Session, portions: dict[int, Counter[str]]) -> tuple[DishCount, ...]:
    """The dishes ordered, in serving order (meat, vegetables... by category, then name)."""
    if not portions:
        return ()
    rank = {category: n for n, category in enumerate(CATEGORY_ORDER)}
    dishes = sorted(session.scalars(select(Dish).where(Dish.id.in_(portions))),
                    key=lambda d: (rank.get(d.category, len(rank)), d.name, d.id))
    return tuple(DishCount(d.id, d.name, d.name_en or "", tuple(allergens_of(d)),
                           {t: portions[d.id][t] for t in TEXTURES}) for d in dishes)
