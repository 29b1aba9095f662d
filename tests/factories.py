"""Factories for test data: each makes one valid record with overridable fields."""
from __future__ import annotations

from datetime import date
from itertools import count
from pathlib import Path

from sqlalchemy import select

from pos.audit import SYSTEM
from pos.auth.models import User
from pos.auth.services import create_user
from pos.canteens.models import Canteen
from pos.canteens.services import ensure_canteen, main_canteen
from pos.canteens.settings import SettingsIn, change_settings, settings_of
from pos.config import DEFAULT_HOURS, format_hours, parse_hours
from pos.credentials.models import Card
from pos.db import Database
from pos.dishes.models import Dish, DishPrice
from pos.ledger.posting import wallet_of
from pos.policies.services import store_policy
from pos.residents.id_number import make_id_number
from pos.residents.records import CategoryGrantIn, ResidentIn, register_resident
from pos.shifts.services import open_shift
from pos.terminals.models import Terminal
from pos.terminals.services import add_terminal, name_reader
from pos.wallets.operations import add_top_up

_seq = count(1)
DEMO_POLICY = Path(__file__).parents[1] / "pos" / "demo" / "yaodu-demo-policy.toml"
HOME = {"province": "山西省", "city": "临汾市", "district": "尧都区", "street": "解放路街道", "community": "新百汇社区"}


class Factories:
    """Makers of records, each in its own committed transaction."""

    def __init__(self, database: Database) -> None:
        self.db = database

    def user(self, username: str | None = None, role: str = "cashier", password: str = "secret-pass") -> User:
        with self.db.unit_of_work() as session:
            return create_user(session, username or f"user{next(_seq)}", password, role)

    def canteen(self, name: str = "测试食堂", code: str = "main", policy: Path | None = DEMO_POLICY,
                hours: str = DEFAULT_HOURS, **area: str) -> Canteen:
        """The canteen, with the demo policy loaded unless told otherwise."""
        with self.db.unit_of_work() as session:
            canteen = ensure_canteen(session, name, code, hours)
            # Every test database starts with one (tests/database.py), which takes what this test asks for.
            canteen.name, canteen.hours = name, format_hours(parse_hours(hours))
            for field, value in (HOME | area).items():
                setattr(canteen, field, value)
            if policy is not None and canteen.policy_id is None:
                canteen.policy_id = store_policy(session, policy.read_text(encoding="utf-8")).policy_id
            return canteen

    def canteen_settings(self, **changes: object) -> tuple[str, ...]:
        """Change the main canteen's settings as an admin does on /settings (hours as {period: "10:30-13:30"});
        returns the fields changed."""
        with self.db.unit_of_work() as session:
            canteen = main_canteen(session)
            assert canteen is not None, "make.canteen() first"
            current = settings_of(canteen)
        hours = {period: f"{start:%H:%M}-{end:%H:%M}" for period, (start, end) in current.hours.items()}
        given = SettingsIn(**{**current.stored(), "hours": hours, **changes})  # type: ignore[arg-type]
        return change_settings(self.db, given, SYSTEM)

    def resident(self, name: str = "张桂兰", born: date = date(1950, 3, 15), categories: tuple[str, ...] = (),
                 balance_fen: int = 0, **area: str) -> int:
        """A resident with a valid ID number and, if asked, a topped-up wallet; returns the id."""
        serial = next(_seq) % 1000
        with self.db.unit_of_work() as session:
            resident = register_resident(session, ResidentIn(
                name=name, id_number=make_id_number("141002", born, serial), area=HOME | area,
                categories=tuple(CategoryGrantIn(c) for c in categories)))
            wallet_of(session, resident.id)
            if balance_fen:
                add_top_up(session, resident.id, balance_fen, "cash")
            return resident.id

    def dish(self, name: str = "红烧肉", price_fen: int = 1200, category: str = "meat", since: date = date(2000, 1, 1),
             **extra) -> int:
        """A dish (without planning attributes unless given) at `price_fen` from `since` on; returns the id."""
        with self.db.unit_of_work() as session:
            dish = Dish(code=f"T{next(_seq):05d}", name=name, category=category, **extra)
            session.add(dish)
            session.flush()
            session.add(DishPrice(dish_id=dish.id, price_fen=price_fen, effective_from=since))
            return dish.id

    def card(self, resident_id: int, uid: str = "04A1B2C3", status: str = "active") -> str:
        with self.db.unit_of_work() as session:
            session.add(Card(uid=uid, resident_id=resident_id, status=status))
        return uid

    def terminal(self, name: str | None = None, reader_name: str = "") -> str:
        """A terminal, with the card reader it names (none by default); returns its token."""
        with self.db.unit_of_work() as session:
            return add_terminal(session, name or f"counter-{next(_seq)}", reader_name=reader_name)[1]

    def reader_at(self, terminal_name: str, reader_name: str) -> None:
        """Name the card reader at a terminal made before (the browser tests' counter-1)."""
        with self.db.unit_of_work() as session:
            terminal = session.scalar(select(Terminal).where(Terminal.name == terminal_name))
            assert terminal is not None, terminal_name
        name_reader(self.db, terminal.id, reader_name, SYSTEM)

    def shift(self, cashier: User, float_fen: int = 0) -> int:
        """Open the cashier's shift (a sale needs one unless the canteen says not); returns its id."""
        return open_shift(self.db, cashier, None, float_fen)["shift"]["id"]

    def main_canteen(self) -> Canteen | None:
        with self.db.unit_of_work() as session:
            return main_canteen(session)
