"""Validate the [categories], [funders.*] and [groups.*] tables of a policy file."""
from __future__ import annotations

from .checks import IDENT, IDENT_RULE, Problems, Table
from .model import AREA_LEVELS, Category, Funder, Group
from .rule_reader import CAP_KEYS, read_caps

NAME_KEYS = {"name_zh", "name_en"}


def _named(p: Problems, table: Table, key: str, path: str, extra: set[str]) -> Table:
    """A sub-table that must carry name_zh and name_en."""
    if not isinstance(table, dict):
        p.add(path, "must be a table")
        return {}
    p.unknown_keys(table, NAME_KEYS | extra, path)
    p.text(table, "name_zh", path)
    p.text(table, "name_en", path)
    if not IDENT.match(key):
        p.add(path, f"id {IDENT_RULE}")
    return table


def read_categories(p: Problems, table: Table) -> tuple[Category, ...]:
    """The [categories] table: code = { name_zh, name_en }."""
    out = []
    for code, entry in table.items():
        entry = _named(p, entry, code, f"categories.{code}", set())
        out.append(Category(code, entry.get("name_zh", ""), entry.get("name_en", "")))
    return tuple(out)


def read_funders(p: Problems, table: Table) -> tuple[Funder, ...]:
    """The [funders.<id>] tables."""
    out = []
    for fid, entry in table.items():
        path = f"funders.{fid}"
        entry = _named(p, entry, fid, path, {"pays_within", *CAP_KEYS})
        within = entry.get("pays_within", "anywhere")
        if within not in AREA_LEVELS:
            p.add(f"{path}.pays_within", f"must be one of {list(AREA_LEVELS)}")
            within = "anywhere"
        out.append(Funder(fid, entry.get("name_zh", ""), entry.get("name_en", ""),
                          within, read_caps(p, entry, path)))
    return tuple(out)


def read_groups(p: Problems, table: Table) -> tuple[Group, ...]:
    """The [groups.<id>] tables, in file order (the order groups stack)."""
    out = []
    for gid, entry in table.items():
        path = f"groups.{gid}"
        entry = _named(p, entry, gid, path, set(CAP_KEYS))
        out.append(Group(gid, entry.get("name_zh", ""), entry.get("name_en", ""),
                         read_caps(p, entry, path)))
    return tuple(out)
