"""Reading orders: a day's orders by meal period, one order as the API shows it, and wallets short of a booking."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session, selectinload

from pos.canteens.services import canteen_in_use
from pos.dishes.models import Dish
from pos.dishes.prices import prices_on
from pos.ledger.models import Account
from pos.orders.models import MealOrder
from pos.orders.pricing import expected, with_delivery_fee
from pos.residents.models import Resident
from pos.sales.orders import OrderItem
from vocabulary import MEAL_PERIODS, OrderStatus


def order_json(order: MealOrder, resident: Resident, locale: str, names: dict[int, tuple[str, str]] | None = None
               ) -> dict:
    """One order as the API returns it."""
    names = names if names is not None else dish_names(object_session_of(order), [line.dish_id for line in order.lines])
    return {"id": order.id, "resident_id": resident.id, "resident_name": resident.name, "day": order.day.isoformat(),
            "meal_period": order.meal_period, "channel": order.channel, "status": order.status,
            "set_meal": order.set_meal, "booked_at": order.booked_at.isoformat(),
            "cancelled_at": order.cancelled_at.isoformat() if order.cancelled_at else None, "sale_id": order.sale_id,
            "lines": [{"dish_id": line.dish_id, "name": _name(names.get(line.dish_id, ("", "")), locale),
                       "qty": line.qty} for line in order.lines]}


def _name(names: tuple[str, str], locale: str) -> str:
    zh, en = names
    return en if locale == "en" and en else zh


def object_session_of(order: MealOrder) -> Session:
    session = object_session(order)
    assert session is not None, "an order read from a session"
    return session


def dish_names(session: Session, ids: list[int]) -> dict[int, tuple[str, str]]:
    """Each dish's Chinese and English name."""
    if not ids:
        return {}
    rows = session.execute(select(Dish.id, Dish.name, Dish.name_en).where(Dish.id.in_(set(ids))))
    return {row.id: (row.name, row.name_en or "") for row in rows}


def dish_names_in(session: Session, ids: list[int], locale: str) -> dict[int, str]:
    """Each dish's name in `locale` (the Chinese one where it has no English name)."""
    return {dish_id: _name(names, locale) for dish_id, names in dish_names(session, ids).items()}


def orders_on(session: Session, day: date, period: str | None = None, status: str | None = None
              ) -> list[tuple[MealOrder, Resident]]:
    """The orders of a day (one meal period, one status, if given), by meal period then resident's name."""
    query = (select(MealOrder, Resident).join(Resident, Resident.id == MealOrder.resident_id)
             .where(MealOrder.day == day).options(selectinload(MealOrder.lines)))
    if period:
        query = query.where(MealOrder.meal_period == period)
    if status:
        query = query.where(MealOrder.status == status)
    rows = [(order, resident) for order, resident in session.execute(query)]
    return sorted(rows, key=lambda row: (MEAL_PERIODS.index(row[0].meal_period), row[1].name_initials,
                                         row[1].name, row[0].id))


def list_orders(session: Session, day: date, period: str | None, locale: str) -> dict:
    """The API's list: a day's orders, with how many are live per meal period."""
    rows = orders_on(session, day, period)
    names = dish_names(session, [line.dish_id for order, _r in rows for line in order.lines])
    return {"day": day.isoformat(), "meal_period": period, "booked": booked_counts(rows),
            "orders": [order_json(order, resident, locale, names) for order, resident in rows]}


def booked_counts(rows: list[tuple[MealOrder, Resident]]) -> dict[str, int]:
    """How many live (booked or served) orders each meal period has."""
    counts = dict.fromkeys(MEAL_PERIODS, 0)
    for order, _resident in rows:
        if order.status in (OrderStatus.BOOKED.value, OrderStatus.SERVED.value):
            counts[order.meal_period] += 1
    return counts


@dataclass(frozen=True)
class Shortfall:
    """A resident whose wallet does not cover what their booked meals of a day are expected to cost."""

    resident_id: int
    name: str
    order_ids: tuple[int, ...]
    payable_fen: int
    balance_fen: int


def shortfalls(session: Session, day: date, now: datetime, timezone: str) -> list[Shortfall]:
    """The residents with meals booked on `day` whose wallet holds less than those meals' payable (for the
    evening before: staff call them to top up). Every meal of the day counts together."""
    canteen = canteen_in_use(session)
    booked = orders_on(session, day, status=OrderStatus.BOOKED.value)
    covered = covered_at_list_price(session, day, booked)
    owed: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
    names: dict[int, str] = {}
    for order, resident in booked:
        if resident.id in covered:
            continue
        quote = expected(session, canteen, order, resident, now, timezone)
        owed[resident.id].append((order.id, quote.payable_fen, quote.balance_fen or 0))
        names[resident.id] = resident.name
    short = []
    for resident_id, rows in owed.items():
        payable, balance = sum(p for _o, p, _b in rows), rows[0][2]
        if payable > balance:
            short.append(Shortfall(resident_id, names[resident_id], tuple(o for o, _p, _b in rows), payable, balance))
    return short


def covered_at_list_price(session: Session, day: date, booked: list[tuple[MealOrder, Resident]]) -> set[int]:
    """The residents whose wallet holds the full price of every meal they booked: a subsidy only lowers what they
    pay, so they are not short and their meals need no quote (the policy engine is the costly part)."""
    items = {order.id: with_delivery_fee(session, order.channel, tuple(OrderItem(line.dish_id, line.qty)
                                                                        for line in order.lines), day)
             for order, _resident in booked}
    prices = prices_on(session, day, {item.dish_id for listed in items.values() for item in listed})
    full: dict[int, int | None] = defaultdict(int)  # none: a dish without a price that day, so quote it
    for order, resident in booked:
        for item in items[order.id]:
            price, so_far = prices.get(item.dish_id), full[resident.id]
            full[resident.id] = None if price is None or so_far is None else so_far + price * item.qty
    balances = {resident_id: fen for resident_id, fen in session.execute(
        select(Account.resident_id, Account.balance_fen).where(Account.resident_id.in_(list(full))))}
    return {resident_id for resident_id, fen in full.items() if fen is not None and balances.get(resident_id, 0) >= fen}
