"""What the /me booking page shows: the next week's meals with a published menu, each with its dishes, its expected
price, subsidy and payable, when booking it closes, and the resident's order for it if there is one."""
from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from pos.canteens.models import Canteen
from pos.canteens.services import canteen_in_use
from pos.clock import local_date
from pos.dishes.prices import prices_on
from pos.menus.published import published_slots
from pos.orders.listing import dish_names_in
from pos.orders.models import MealOrder, MealOrderLine
from pos.orders.pricing import expected
from pos.residents.models import Resident
from pos.residents.records import get_resident
from vocabulary import MEAL_PERIODS, OrderStatus

DAYS_AHEAD = 7  # today and the six days after it


def meal_days(session: Session, resident_id: int, now: datetime, timezone: str, locale: str) -> list[dict]:
    """Each day from today on with a meal to show, its meals in serving order."""
    canteen, resident = canteen_in_use(session), get_resident(session, resident_id)
    today = local_date(now, timezone)
    orders = live_orders(session, resident_id, today, today + timedelta(days=DAYS_AHEAD))
    booked = {(o.day, o.meal_period): o for o in orders}
    days = []
    for day in (today + timedelta(days=n) for n in range(DAYS_AHEAD)):
        meals = [meal for period in MEAL_PERIODS if period in canteen.serving_hours
                 if (meal := _meal(session, canteen, resident, day, period, booked.get((day, period)), now, timezone,
                                   locale)) is not None]
        if meals:
            days.append({"day": day, "meals": meals})
    return days


def _meal(session: Session, canteen: Canteen, resident: Resident, day: date, period: str, order: MealOrder | None,
          now: datetime, timezone: str, locale: str) -> dict | None:
    """One meal: None when no menu is published for it (and nothing is booked)."""
    slots = published_slots(session, day, period)
    prices = prices_on(session, day, [dish.id for _slot, dish in slots])
    dishes = [dish for _slot, dish in slots if dish.id in prices]
    if order is None and not dishes:
        return None
    target = order or MealOrder(day=day, meal_period=period, channel="dine_in",
                                lines=[MealOrderLine(dish_id=dish.id, qty=1) for dish in dishes])
    quote = expected(session, canteen, target, resident, now, timezone)
    names = dish_names_in(session, [line.dish_id for line in target.lines], locale)
    closes = canteen.cutoffs[period].closes(day, timezone)
    return {"day": day, "meal_period": period, "closes": closes, "open": now < closes,
            "dishes": [names.get(line.dish_id, "") + (f" ×{line.qty}" if line.qty > 1 else "")
                       for line in target.lines],
            "total_fen": quote.total_fen, "subsidy_fen": quote.subsidy_fen, "payable_fen": quote.payable_fen,
            # the published dishes, to book all (the set meal) or only some
            "choices": [(dish.id, names.get(dish.id) or dish.name) for dish in dishes],
            "order": None if order is None else {"id": order.id, "channel": order.channel}}


def live_orders(session: Session, resident_id: int, first: date, end: date | None = None) -> list[MealOrder]:
    """The resident's booked meals from `first` (up to `end`, excluded), by day and meal period."""
    query = (select(MealOrder).where(MealOrder.resident_id == resident_id, MealOrder.day >= first,
                                     MealOrder.status == OrderStatus.BOOKED.value)
             .options(selectinload(MealOrder.lines)))
    if end is not None:
        query = query.where(MealOrder.day < end)
    return sorted(session.scalars(query), key=lambda o: (o.day, MEAL_PERIODS.index(o.meal_period), o.id))


def upcoming(session: Session, resident_id: int, today: date, locale: str) -> list[dict]:
    """The resident's booked meals from today on, for the home page."""
    orders = live_orders(session, resident_id, today)
    names = dish_names_in(session, [line.dish_id for order in orders for line in order.lines], locale)
    return [{"id": o.id, "day": o.day, "meal_period": o.meal_period, "channel": o.channel,
             "dishes": [names.get(line.dish_id, "") for line in o.lines]} for o in orders]

