"""What an order is expected to cost, and what it costs when served: the sales' own pricing and subsidy."""
from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from pos.canteens.models import Canteen
from pos.credentials.services import Presented
from pos.dishes.models import Dish
from pos.dishes.prices import prices_on
from pos.orders.models import MealOrder
from pos.residents.models import Resident
from pos.sales.orders import Order, OrderItem
from pos.sales.quoting import SaleQuote, checked_total, price_lines, quote_for
from vocabulary import Channel, Identified


def expected(session: Session, canteen: Canteen, order: MealOrder, resident: Resident, now: datetime,
             timezone: str) -> SaleQuote:
    """The quote of an order at the start of its meal (or now, if that has begun), prices of its day."""
    start = canteen.serving_hours.get(order.meal_period, (time(12), time(12)))[0]
    at = max(now, datetime.combine(order.day, start, ZoneInfo(timezone)))
    return quote_lines(session, canteen, order, resident, at, order.day)


def quote_lines(session: Session, canteen: Canteen, order: MealOrder, resident: Resident, at: datetime,
                day: date, lock: bool = False, items: tuple[OrderItem, ...] | None = None,
                presented: Presented | None = None) -> SaleQuote:
    """The order's dishes (or `items` in their place) priced on `day` and subsidised at `at` for its resident,
    identified by the booking itself unless a card or pass was shown (`presented`)."""
    if items is None:
        items = tuple(OrderItem(line.dish_id, line.qty) for line in order.lines)
    items = with_delivery_fee(session, order.channel, items, day)
    priced = price_lines(session, Order("booking", order.id, items, order.meal_period, order.channel, "wallet"), day)
    checked_total(priced)
    presented = presented or Presented(resident, Identified.BOOKING, f"order:{order.id}")
    return quote_for(session, presented, priced, canteen, order.meal_period, order.channel, at, day, lock)


def with_delivery_fee(session: Session, channel: str, items: tuple[OrderItem, ...], day: date
                      ) -> tuple[OrderItem, ...]:
    """A delivered meal carries the canteen's delivery fee (the dish on sale marked as one, priced that day), once;
    the policy decides what of it is subsidised."""
    if channel != Channel.DELIVERY.value:
        return items
    fees = session.scalars(select(Dish.id).where(Dish.active, Dish.is_delivery_fee).order_by(Dish.id)).all()
    priced = prices_on(session, day, fees)
    fee = next((dish_id for dish_id in fees if dish_id in priced), None)
    if fee is None or any(item.dish_id == fee for item in items):
        return items
    return (*items, OrderItem(fee, 1))


def quote_json(quote: SaleQuote) -> dict:
    """What an order is expected to cost: the price, the subsidy, what the wallet pays, and the wallet now."""
    return {"total_fen": quote.total_fen, "subsidy_fen": quote.subsidy_fen, "payable_fen": quote.payable_fen,
            "balance_fen": quote.balance_fen}
