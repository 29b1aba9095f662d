"""Pricing an order and working out its subsidy, without moving money."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import cast
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from pos.auth.models import User
from pos.canteens.models import Canteen
from pos.credentials.services import Presented, identify
from pos.dishes.models import Dish
from pos.dishes.prices import prices_on
from pos.errors import InvalidInput
from pos.ledger.models import Account
from pos.ledger.posting import wallet_of
from pos.policies.services import version_in_force
from pos.residents.models import Resident
from pos.sales.orders import Order, meal_period_at
from pos.sales.usage import usage_so_far
from subsidy import (
    Area,
    CanteenFacts,
    CategoryGrant,
    Meal,
    OrderLine,
    PolicyVersion,
    ResidentFacts,
    SubsidyLine,
    quote_subsidy,
)
from subsidy.facts import ResidentStatus
from vocabulary import format_fen

MAX_SALE_FEN = 200_000  # 2,000 yuan: more in one canteen sale is a mistake


@dataclass(frozen=True)
class PricedLine:
    dish: Dish
    qty: int
    unit_price_fen: int  # in force on the sale's day

    @property
    def amount_fen(self) -> int:
        return self.qty * self.unit_price_fen


@dataclass(frozen=True)
class SaleQuote:
    """An order priced and subsidised at a moment, for one resident or a walk-in."""

    presented: Presented | None
    lines: tuple[PricedLine, ...]
    at: datetime
    business_date: date
    meal_period: str
    channel: str
    policy: PolicyVersion | None
    subsidy_lines: tuple[SubsidyLine, ...]
    total_fen: int
    subsidy_fen: int
    balance_fen: int | None  # the wallet before this sale; None for walk-ins
    wallet: Account | None = None

    @property
    def payable_fen(self) -> int:
        return self.total_fen - self.subsidy_fen

    def as_json(self, locale: str) -> dict:
        """The quote as the API returns it."""
        return {"total_fen": self.total_fen, "subsidy_fen": self.subsidy_fen, "payable_fen": self.payable_fen,
                "balance_fen": self.balance_fen, "meal_period": self.meal_period, "channel": self.channel,
                "subsidy_lines": [subsidy_json(line, locale) for line in self.subsidy_lines]}


def subsidy_json(line: SubsidyLine, locale: str) -> dict:
    """One subsidy line as the API returns it."""
    return {"rule_id": line.rule_id, "policy_version": f"{line.policy_id}/{line.policy_version}",
            "funder": line.funder, "amount_fen": line.amount_fen,
            "reason": line.reason_en if locale == "en" else line.reason_zh}


def quote_order(session: Session, order: Order, canteen: Canteen, timezone: str,
                user: User | None, now: datetime, lock: bool = False, terminal_id: int | None = None,
                secret: str = "") -> SaleQuote:
    """Price the order and apply the policy in force; `lock` holds the wallet (and a QR pass's resident) for a sale."""
    local = now.astimezone(ZoneInfo(timezone))
    lines = price_lines(session, order, local.date())
    total = checked_total(lines)
    period = order.meal_period or meal_period_at(canteen.serving_hours, local)
    presented = None if order.credential_kind == "walk_in" else identify(
        session, order.credential_kind, order.credential_value, user, now, terminal_id, lock=lock, secret=secret,
        today=local.date())
    if presented is None:
        return SaleQuote(None, lines, now, local.date(), period, order.channel, None, (), total, 0, None)
    return quote_for(session, presented, lines, canteen, period, order.channel, now, local.date(), lock)


def quote_for(session: Session, presented: Presented, lines: tuple[PricedLine, ...], canteen: Canteen, period: str,
              channel: str, at: datetime, day: date, lock: bool = False) -> SaleQuote:
    """Subsidise priced lines for an identified resident's meal of `day` and `period` at the moment `at`, under
    the policy version in force then; `lock` holds the wallet for a sale."""
    total = sum(line.amount_fen for line in lines)
    wallet = wallet_of(session, presented.resident.id, lock=lock)  # lock before reading usage: caps hold
    policy = version_in_force(session, canteen.policy_id, at) if canteen.policy_id else None
    subsidy_lines: tuple[SubsidyLine, ...] = ()
    if policy is not None:
        order_lines = tuple(OrderLine(line.amount_fen, line.dish.is_delivery_fee) for line in lines)
        meal = Meal(period, channel, order_lines, at)
        usage = usage_so_far(session, presented.resident.id, day, period)
        subsidy_lines = quote_subsidy(policy, resident_facts(presented.resident), canteen_facts(canteen),
                                      meal, usage).lines
    subsidy = sum(line.amount_fen for line in subsidy_lines)
    return SaleQuote(presented, lines, at, day, period, channel, policy, subsidy_lines, total,
                     subsidy, wallet.balance_fen, wallet)


def checked_total(lines: tuple[PricedLine, ...]) -> int:
    """The lines' total, refused above what one sale may come to."""
    total = sum(line.amount_fen for line in lines)
    if total > MAX_SALE_FEN:
        raise InvalidInput("come to %(total)s yuan, more than one sale may (%(max)s yuan)", field="items",
                           total=format_fen(total), max=format_fen(MAX_SALE_FEN))
    return total


def price_lines(session: Session, order: Order, day: date) -> tuple[PricedLine, ...]:
    """Each item with its dish at the price in force on `day`; unknown, withdrawn or unpriced dishes are refused."""
    ids = [item.dish_id for item in order.items]
    dishes = {d.id: d for d in session.scalars(select(Dish).where(Dish.id.in_(ids), Dish.active))}
    prices = prices_on(session, day, dishes)
    for n, item in enumerate(order.items):
        if item.dish_id not in dishes or item.dish_id not in prices:
            raise InvalidInput("no dish %(id)s on sale", field=f"items[{n}].dish_id", id=item.dish_id)
    return tuple(PricedLine(dishes[item.dish_id], item.qty, prices[item.dish_id]) for item in order.items)


def resident_facts(resident: Resident) -> ResidentFacts:
    """What the policy engine needs to know about a resident."""
    return ResidentFacts(
        birth_date=resident.birth_date, home=area_of(resident),
        status=cast(ResidentStatus, resident.status),  # a CHECK constraint keeps it one of these
        status_date=resident.status_date,
        categories=tuple(CategoryGrant(c.category_code, c.valid_from, c.valid_to) for c in resident.categories))


def canteen_facts(canteen: Canteen) -> CanteenFacts:
    return CanteenFacts(area=area_of(canteen))


def area_of(place: Resident | Canteen) -> Area:
    return Area(place.province, place.city, place.district, place.street, place.community)
