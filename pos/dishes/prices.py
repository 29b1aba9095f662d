"""Dish prices over time: the one place that says what a dish costs on a day, and that changes it.

A price is in force from its day (the canteen's calendar day) until a later day's price begins; of two
prices for the same day, the one set last. A sale, a quote, the counter's buttons, the menu feeds and the
catalog all ask `prices_on`. A price cannot be set for a day already past: sales settled on it would no
longer match the price the books say was in force.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pos.audit import Actor
from pos.audit import record as audit
from pos.auth.models import User
from pos.db import Database
from pos.dishes.models import Dish, DishPrice
from pos.errors import N_, InvalidInput, NotFound

MAX_PRICE_FEN = 1_000_000  # 10,000 yuan: more for one dish is a typing mistake
PAST_DAY = N_("%(day)s has begun or passed: sales settled on it would be re-priced. "
              "Choose today, %(today)s, or a later day")


def prices_on(session: Session, day: date, dish_ids: Iterable[int] | None = None) -> dict[int, int]:
    """The price in fen in force on `day` of each dish (of `dish_ids`, else all); a dish not priced yet is left out."""
    ranked = select(DishPrice.dish_id, DishPrice.price_fen, func.row_number().over(
        partition_by=DishPrice.dish_id, order_by=(DishPrice.effective_from.desc(), DishPrice.id.desc())).label("n"))
    ranked = ranked.where(DishPrice.effective_from <= day)
    if dish_ids is not None:
        ranked = ranked.where(DishPrice.dish_id.in_(list(dish_ids)))
    latest = ranked.subquery()
    return {dish_id: fen for dish_id, fen in session.execute(
        select(latest.c.dish_id, latest.c.price_fen).where(latest.c.n == 1))}


def price_on(session: Session, dish_id: int, day: date) -> int | None:
    """The price in fen of one dish on `day`, or None before it was first priced."""
    return prices_on(session, day, (dish_id,)).get(dish_id)


def next_prices(session: Session, after: date, dish_ids: Iterable[int]) -> dict[int, tuple[date, int]]:
    """Each dish's first price change after `after` (its day and the price then), for dishes that have one."""
    out: dict[int, tuple[date, int]] = {}
    query = (select(DishPrice.dish_id, DishPrice.effective_from, DishPrice.price_fen)
             .where(DishPrice.dish_id.in_(list(dish_ids)), DishPrice.effective_from > after)
             .order_by(DishPrice.dish_id, DishPrice.effective_from, DishPrice.id.desc()))
    for dish_id, day, fen in session.execute(query):
        out.setdefault(dish_id, (day, fen))  # the earliest day, and of that day the price set last
    return out


def set_first_price(session: Session, dish: Dish, price_fen: int, day: date, actor: Actor) -> None:
    """A new dish's price, in force from the day it is added (in the caller's transaction)."""
    session.add(DishPrice(dish_id=dish.id, price_fen=checked_price(price_fen), effective_from=day,
                          set_by=actor.staff_id))


def checked_price(price_fen: int, field: str = "price") -> int:
    """A price in fen from 0 to MAX_PRICE_FEN, else InvalidInput naming `field`."""
    if isinstance(price_fen, bool) or not isinstance(price_fen, int) or not 0 <= price_fen <= MAX_PRICE_FEN:
        raise InvalidInput("must be an amount in yuan from 0 to %(max)s", field=field, max=MAX_PRICE_FEN // 100)
    return price_fen


@dataclass(frozen=True)
class PriceChange:
    """A price change as it was recorded."""

    dish_id: int
    before_fen: int | None  # the price that was in force on the day
    price_fen: int
    effective_from: date


def change_price(db: Database, dish_id: int, price_fen: int, effective_from: date, today: date,
                 actor: Actor) -> PriceChange:
    """Set a dish's price from `effective_from` (today or later, in the canteen's time zone), audited."""
    with db.unit_of_work() as session:
        return record_price_change(session, dish_id, price_fen, effective_from, today, actor)


def record_price_change(session: Session, dish_id: int, price_fen: int, effective_from: date, today: date,
                        actor: Actor) -> PriceChange:
    """`change_price` in the caller's transaction (an import changes many)."""
    checked_price(price_fen)
    if effective_from < today:
        raise InvalidInput(PAST_DAY, field="effective_from", day=effective_from.isoformat(), today=today.isoformat())
    dish = session.get(Dish, dish_id, with_for_update=True)  # one price change of a dish at a time
    if dish is None:
        raise NotFound("there is no dish %(id)s", code="no_dish", id=dish_id)
    before = price_on(session, dish_id, effective_from)
    if before == price_fen:
        raise InvalidInput("is already the price on that day", field="price")
    session.add(DishPrice(dish_id=dish_id, price_fen=price_fen, effective_from=effective_from,
                          set_by=actor.staff_id))
    audit(session, actor, "dish.price_changed", "dish", dish_id,
          before={"price_fen": before}, after={"price_fen": price_fen, "effective_from": effective_from.isoformat()})
    return PriceChange(dish_id, before, price_fen, effective_from)


@dataclass(frozen=True)
class PriceRow:
    """One price in a dish's history, and where it stands on `today`."""

    price_fen: int
    effective_from: date
    set_by: str  # the member of staff's name; "" for the system
    set_at: datetime
    state: str  # "scheduled", "in_force", "ended" or "replaced" (another price set later for the same day)


def price_history(session: Session, dish_id: int, today: date) -> list[PriceRow]:
    """Every price the dish has had or will have, newest day first."""
    rows = session.execute(select(DishPrice, User.display_name).outerjoin(User, User.id == DishPrice.set_by)
                           .where(DishPrice.dish_id == dish_id)
                           .order_by(DishPrice.effective_from.desc(), DishPrice.id.desc())).all()
    out, seen_days, in_force_seen = [], set(), False
    for price, who in rows:
        if price.effective_from in seen_days:
            state = "replaced"
        elif price.effective_from > today:
            state = "scheduled"
        elif not in_force_seen:
            state, in_force_seen = "in_force", True
        else:
            state = "ended"
        seen_days.add(price.effective_from)
        out.append(PriceRow(price.price_fen, price.effective_from, who or "", price.set_at, state))
    return out
