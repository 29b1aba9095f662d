"""Sales rung up at a chosen moment (yesterday's lunch, last week's dinner), through the real settle service."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timezone
from itertools import count
from zoneinfo import ZoneInfo

from sqlalchemy import select

from pos.auth.models import User
from pos.config import Config
from pos.db import Database
from pos.idempotency import RequestKey
from pos.sales import services
from pos.sales.orders import read_order
from pos.terminals.models import Terminal
from tests.factories import Factories

KEYS = count(1)


def local(day: date, hour: int, minute: int = 0, zone: str = "Asia/Shanghai") -> datetime:
    """A moment of a canteen's day, in UTC as the services take it (and the clock gives it)."""
    return datetime.combine(day, time(hour, minute), ZoneInfo(zone)).astimezone(timezone.utc)


@dataclass
class Till:
    """A counter (terminal) with a cashier at it, selling through `settle_sale` at any moment."""

    database: Database
    settings: Config
    terminal_id: int
    terminal_name: str
    cashier: User

    @classmethod
    def open(cls, app, make: Factories, terminal: str = "counter-1", cashier: str = "王收银") -> Till:
        """A new terminal and a new cashier (display name = username) in the app's canteen."""
        make.terminal(terminal)
        user = make.user(cashier, "cashier")
        database = app.extensions["canteen_db"]
        with database.unit_of_work() as session:
            terminal_id = session.scalar(select(Terminal.id).where(Terminal.name == terminal))
        return cls(database, app.extensions["canteen_config"], terminal_id, terminal, user)

    def sell(self, at: datetime, credential: dict, *items: tuple[int, int], period: str = "lunch",
             **extra: object) -> dict:
        """Settle one order at `at` (each with its own idempotency key); the API's answer."""
        body = {"credential": credential, "items": [{"dish_id": d, "qty": q} for d, q in items],
                "meal_period": period, "idempotency_key": f"sale-key-{next(KEYS):06d}",
                **extra}
        answer = services.settle_sale(self.database, self.settings, read_order(body), RequestKey.of(body),
                                      services.Till(self.terminal_id, self.cashier), at, "zh_CN")
        return answer.payload


DAY = date(2026, 11, 20)
NEXT_DAY = date(2026, 11, 21)
BORN_1951 = date(1951, 6, 1)  # 75: the 70–79 rule, 2 yuan from the district
BORN_1948 = date(1948, 2, 1)  # 78 and 低保: 5 yuan, district 3 and street 2


@dataclass
class Day:
    tills: tuple[Till, Till]
    aged: int
    poor: int
    sales: list[dict]  # DAY's four sales, in the order sold, then NEXT_DAY's one
    dishes: tuple[int, int]  # pork (12 yuan), greens (8 yuan)


def a_day_of_sales(app, make: Factories) -> Day:
    """On DAY: 张桂兰's lunch at counter-1, 李明德's lunch at counter-2, a walk-in's cash lunch at counter-1,
    张桂兰's dinner at counter-2; on NEXT_DAY: 张桂兰's lunch at counter-1 (canteen on the demo policy)."""
    make.canteen()
    one, two = Till.open(app, make, "counter-1", "王收银"), Till.open(app, make, "counter-2", "李收银")
    aged = make.resident("张桂兰", born=BORN_1951, balance_fen=10_000)
    poor = make.resident("李明德", born=BORN_1948, categories=("dibao",), balance_fen=10_000)
    aged_card, poor_card = {"card_uid": make.card(aged, "04A1B2C3")}, {"card_uid": make.card(poor, "04A1B2C4")}
    pork, greens = make.dish("红烧肉", 1200), make.dish("清炒油菜", 800, "vegetable")
    sales = [one.sell(local(DAY, 11, 30), aged_card, (pork, 1)),
             two.sell(local(DAY, 11, 45), poor_card, (pork, 1)),
             one.sell(local(DAY, 12, 0), {"walk_in": True}, (greens, 1), payment_method="cash"),
             two.sell(local(DAY, 17, 30), aged_card, (pork, 1), (greens, 1), period="dinner"),
             one.sell(local(NEXT_DAY, 11, 30), aged_card, (pork, 1))]
    assert all("sale_id" in s for s in sales), sales
    return Day((one, two), aged, poor, sales, (pork, greens))

