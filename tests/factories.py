"""Factories for test data: each makes one valid record with overridable fields."""
from __future__ import annotations

from itertools import count

from pos.auth.models import User
from pos.auth.services import create_user
from pos.canteens.models import Canteen
from pos.canteens.services import ensure_canteen
from pos.db import Database

_seq = count(1)


class Factories:
    """Makers of records, each in its own committed transaction."""

    def __init__(self, database: Database) -> None:
        self.db = database

    def user(self, username: str | None = None, role: str = "cashier", password: str = "secret-pass") -> User:
        with self.db.unit_of_work() as session:
            return create_user(session, username or f"user{next(_seq)}", password, role)

    def canteen(self, name: str = "测试食堂", code: str = "main", **area: str) -> Canteen:
        area = {"province": "山西省", "city": "临汾市", "district": "尧都区", "street": "解放路街道",
                "community": "新百汇社区"} | area
        with self.db.unit_of_work() as session:
            return ensure_canteen(session, name, code, **area)
