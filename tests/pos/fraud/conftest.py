"""A canteen with an ordinary history: four residents eat lunch every day by card (one shows their ID card on the
5th, 15th and 25th), two walk-ins a day, three cashiers taking turns by day at their own counters; July to
October 2026, so October has three months of history before it."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from pos.canteens.models import Canteen
from pos.fraud.findings import Report
from pos.fraud.services import fraud_report, scope_of
from pos.statements.periods import Month
from pos.terminals.models import Terminal
from tests.pos.fraud.planting import Kitchen, Planted
from tests.support.selling import local

OCTOBER = Month(2026, 10)
HISTORY = (Month(2026, 7), Month(2026, 8), Month(2026, 9))
WALK_INS = 2


def usual_identification(i: int, day: date) -> str:
    """The fourth resident forgets their card on the 5th, 15th and 25th: staff check their ID card."""
    return "identity_check" if i == 3 and day.day % 10 == 5 else "card"


@dataclass
class World:
    app: object
    make: object
    kitchen: Kitchen
    residents: list[int]
    cashiers: list[int]
    terminals: list[int]
    meals: dict[tuple[object, date], Planted] = field(default_factory=dict)  # (resident index or "w0", day)

    def cashier_on(self, day: date) -> int:
        """Whose turn it is on a day (index into cashiers and terminals)."""
        return day.toordinal() % 3

    def month(self, month: Month, identified: Callable[[int, date], str] = usual_identification,
              walk_in: Callable[[int, date], int | None] = lambda w, day: None) -> None:
        """A month of lunches: every resident at 11:30 + 5 min x their index, the walk-ins at 12:10 and 12:20
        (or, when `walk_in` names a resident, that resident's subsidised lunch instead)."""
        day = month.first
        with self.kitchen.batch():
            while day < month.next_first:
                day = self._day(day, identified, walk_in)

    def _day(self, day: date, identified: Callable[[int, date], str],
             walk_in: Callable[[int, date], int | None]) -> date:
        """One day's lunches; the next day."""
        turn = self.cashier_on(day)
        staff, terminal = self.cashiers[turn], self.terminals[turn]
        for i, resident in enumerate(self.residents):
            self.meals[(i, day)] = self.kitchen.serve(resident, local(day, 11, 30 + 5 * i), "lunch",
                                                      identified(i, day), staff, terminal)
        for w in range(WALK_INS):
            self.meals[(f"w{w}", day)] = self.kitchen.serve(walk_in(w, day), local(day, 12, 10 + 10 * w),
                                                            "lunch", "card", staff, terminal)
        return day + timedelta(days=1)

    def history(self) -> None:
        """July to September as usual."""
        for month in HISTORY:
            self.month(month)

    def report(self, month: Month = OCTOBER) -> Report:
        database = self.app.extensions["canteen_db"]
        with database.reader() as session:
            canteen = session.scalar(select(Canteen).order_by(Canteen.id).limit(1))
            return fraud_report(session, scope_of(canteen, month, "Asia/Shanghai"))


@pytest.fixture
def world(app, make) -> World:
    make.canteen()
    residents = [make.resident(name, born=date(1950, 3, 15)) for name in ("张桂兰", "李明德", "王秀英", "赵德华")]
    cashiers = [make.user(name, "cashier").id for name in ("王收银", "李收银", "赵收银")]
    for name in ("counter-1", "counter-2", "counter-3"):
        make.terminal(name)
    database = app.extensions["canteen_db"]
    with database.reader() as session:
        terminals = list(session.scalars(select(Terminal.id).order_by(Terminal.id)))
    kitchen = Kitchen(database, make.dish("两荤一素套餐", 1200, "set"))
    return World(app, make, kitchen, residents, cashiers, terminals)
