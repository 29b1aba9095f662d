"""Small readers that check one TOML value and record a problem naming its key."""
from __future__ import annotations

import re
from typing import Any

Table = dict[str, Any]  # one TOML table, as tomllib returns it
# Ids go into the canteen's records (a sale's subsidy lines, a funder's ledger account): at most 32 characters.
IDENT = re.compile(r"^[a-z0-9][a-z0-9_-]{0,31}$")
IDENT_RULE = "must use only a-z, 0-9, '_' and '-', at most 32 characters"
MISSING = object()


class Problems:
    """Collects every problem in a file so the clerk can fix them all at once."""

    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, path: str, reason: str) -> None:
        """Record that the value at `path` is wrong, and why."""
        self.items.append(f"{path}: {reason}")

    def table(self, parent: Table, key: str, path: str, *, required: bool = True) -> Table:
        """The sub-table parent[key], or {} after recording a problem."""
        value = parent.get(key, MISSING)
        if value is MISSING:
            if required:
                self.add(path, "missing table")
            return {}
        if not isinstance(value, dict):
            self.add(path, "must be a table")
            return {}
        return value

    def unknown_keys(self, table: Table, allowed: set[str], path: str) -> None:
        """Record each key that is not allowed (usually a typo)."""
        for key in table:
            if key not in allowed:
                self.add(f"{path}.{key}", "unknown key")

    def text(self, table: Table, key: str, path: str, *, required: bool = True,
             default: str = "") -> str:
        """A non-empty string."""
        value = table.get(key, MISSING)
        if value is MISSING:
            if required:
                self.add(f"{path}.{key}", "missing")
            return default
        if not isinstance(value, str) or not value.strip():
            self.add(f"{path}.{key}", "must be a non-empty text in quotes")
            return default
        return value

    def ident(self, table: Table, key: str, path: str) -> str:
        """An id: lowercase letters, digits, '_' or '-'."""
        value = self.text(table, key, path)
        if value and not IDENT.match(value):
            self.add(f"{path}.{key}", IDENT_RULE)
        return value

    def integer(self, table: Table, key: str, path: str, lo: int, hi: int,
                unit: str = "") -> int | None:
        """An optional whole number within lo..hi."""
        value = table.get(key, MISSING)
        if value is MISSING:
            return None
        if type(value) is not int or not lo <= value <= hi:
            self.add(f"{path}.{key}", f"must be an integer {lo}–{hi}{unit}")
            return None
        return value

    def choices(self, table: Table, key: str, path: str, allowed: tuple[str, ...],
                default: tuple[str, ...]) -> frozenset[str]:
        """An optional non-empty list drawn from `allowed`."""
        value: Any = table.get(key, MISSING)
        if value is MISSING:
            return frozenset(default)
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            self.add(f"{path}.{key}", f"must be a non-empty list of texts from {list(allowed)}")
            return frozenset(default)
        for v in value:
            if v not in allowed:
                self.add(f"{path}.{key}", f"{v!r} is not one of {list(allowed)}")
        return frozenset(v for v in value if v in allowed)
