"""What a booking must satisfy, each check raising a domain error in the canteen's words; nothing is written here."""
from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from pos.canteens.models import Canteen
from pos.dishes.models import Dish
from pos.dishes.prices import prices_on
from pos.errors import N_, Conflict, InvalidInput, NotFound
from pos.menus.published import published_slots
from pos.orders.models import MealOrder
from pos.residents.models import Resident
from pos.sales.orders import OrderItem
from vocabulary import MealPeriod, OrderStatus

PAST_DAY = N_("%(day)s has gone by; book a meal for today or a later day")
NOT_SERVED = N_("the canteen does not serve %(meal)s")
CLOSED = N_("booking %(meal)s for %(day)s closed at %(closed)s")
CANCEL_CLOSED = N_("%(meal)s on %(day)s can no longer be cancelled: cancelling closed at %(closed)s")
NO_MENU = N_("no menu is published for %(meal)s on %(day)s yet, so there is no set meal to book")
NOT_ON_MENU = N_("%(dish)s is not on the menu of %(meal)s on %(day)s")
NO_DISH = N_("no dish %(id)s")
GONE = N_("%(name)s has moved away or died; no meal can be booked for them")
NO_RESIDENT = N_("no resident %(id)s")
TWICE = N_("%(name)s already has %(meal)s booked on %(day)s; cancel it first to book another")
NOT_BOOKED = N_("this order is %(status)s; only a booked meal can be cancelled or served")


def meal_words(period: str, day: date, locale: str) -> dict[str, str]:
    """The message parameters naming a meal: its period in the reader's words, and its day."""
    return {"meal": MealPeriod(period).label(locale), "day": day.isoformat()}


def resident_for(session: Session, resident_id: int, day: date) -> Resident:
    """The resident, still living here on `day`."""
    resident = session.get(Resident, resident_id)
    if resident is None:
        raise NotFound(NO_RESIDENT, code="no_resident", id=resident_id)
    if resident.status != "active" and (resident.status_date is None or resident.status_date < day):
        raise Conflict(GONE, code="resident_gone", name=resident.name)
    return resident


def check_open(canteen: Canteen, day: date, period: str, now: datetime, timezone: str, locale: str,
               cancelling: bool = False) -> None:
    """The day has not gone by, the canteen serves the meal, and booking (or cancelling) it has not closed."""
    words = meal_words(period, day, locale)
    if day < now.astimezone(ZoneInfo(timezone)).date():
        raise InvalidInput(PAST_DAY, field="day", code="day_past", day=day.isoformat())
    if period not in canteen.serving_hours:
        raise InvalidInput(NOT_SERVED, field="meal_period", code="meal_not_served", meal=words["meal"])
    closes = canteen.cutoffs[period].closes(day, timezone)
    if now >= closes:  # booking "by 09:30" takes 09:29:59, not 09:30:00
        raise Conflict(CANCEL_CLOSED if cancelling else CLOSED, code="booking_closed",
                       closed=f"{closes:%Y-%m-%d %H:%M}", **words)


def dishes_on_menu(session: Session, day: date, period: str, items: tuple[OrderItem, ...],
                   locale: str) -> tuple[OrderItem, ...]:
    """The items, each a dish of the day's published menu of `period`; none asked: the set meal, one of each."""
    words = meal_words(period, day, locale)
    slots = published_slots(session, day, period)
    prices = prices_on(session, day, [dish.id for _slot, dish in slots])
    on_menu = [dish.id for _slot, dish in slots if dish.id in prices]
    if not items:
        if not on_menu:
            raise Conflict(NO_MENU, code="no_menu", **words)
        return tuple(OrderItem(dish_id, 1) for dish_id in on_menu)
    for n, item in enumerate(items):
        if item.dish_id not in on_menu:
            name = session.scalar(select(Dish.name).where(Dish.id == item.dish_id))
            if name is None:
                raise InvalidInput(NO_DISH, field=f"items[{n}].dish_id", code="no_dish", id=item.dish_id)
            raise InvalidInput(NOT_ON_MENU, field=f"items[{n}].dish_id", code="dish_not_on_menu", dish=name, **words)
    return items


def check_not_booked(session: Session, resident: Resident, day: date, period: str, locale: str) -> None:
    """The resident has no live order for this meal (the database's partial unique index holds it in a race)."""
    live = session.scalar(select(MealOrder.id).where(
        MealOrder.resident_id == resident.id, MealOrder.day == day, MealOrder.meal_period == period,
        MealOrder.status == OrderStatus.BOOKED.value))
    if live is not None:
        raise Conflict(TWICE, code="already_booked", name=resident.name, **meal_words(period, day, locale))


def check_booked(order: MealOrder, locale: str) -> None:
    """The order is still booked: not cancelled, served or marked not served."""
    if order.status != OrderStatus.BOOKED.value:
        raise Conflict(NOT_BOOKED, code="order_not_booked", status=OrderStatus(order.status).label(locale))
