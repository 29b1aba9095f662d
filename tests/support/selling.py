"""Sales rung up at a chosen moment (yesterday's lunch, last week's dinner), through the real settle service."""
from __future__ import annotations

from dataclasses import dataclass
from itertools import count
from datetime import date, datetime, time, timezone
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

