"""Validate the [[operating]] tables of a policy file: operating subsidies paid to the canteen."""
from __future__ import annotations

from vocabulary import CHANNELS, MEAL_PERIODS

from .checks import Problems, Table
from .model import OPERATING_BASES, Category, Funder, OperatingBasis, OperatingRule
from .operating import AGE_EDGES, overlap
from .rule_reader import MAX_FEN

OPERATING_KEYS = {"id", "name_zh", "name_en", "funder", "per", "amount_fen", "age_min", "age_max", "categories",
                  "meal_periods", "channels", "per_month_count", "per_month_fen"}
MAX_COUNT = 10_000_000  # a city's month is ~1.2 M meals: this only catches typos


def read_operating(p: Problems, items: object, categories: tuple[Category, ...],
                   funders: tuple[Funder, ...]) -> tuple[OperatingRule, ...]:
    """The [[operating]] array; operating[1] is the first in the file. Two that pay one diner twice are refused."""
    if not isinstance(items, list):
        p.add("operating", "must be written as [[operating]] tables")
        return ()
    read = [(n, _one(p, item, f"operating[{n}]", categories, funders)) for n, item in enumerate(items, start=1)]
    rules = [(n, rule) for n, rule in read if rule is not None]
    seen: dict[str, int] = {}
    for n, rule in rules:
        if rule.id in seen:
            p.add(f"operating[{n}].id", f"{rule.id!r} is used by operating[{seen[rule.id]}]")
        seen.setdefault(rule.id, n)
    for i, (n, rule) in enumerate(rules):
        for m, earlier in rules[:i]:
            if earlier.funder == rule.funder and overlap(earlier, rule):
                p.add(f"operating[{n}]", f"{rule.id!r} and {earlier.id!r} (operating[{m}]) would both pay "
                      f"{rule.funder!r} for the same diners: their ages, meal periods and channels overlap "
                      "(categories never keep two rules apart: a resident may hold several); "
                      "make them exclusive or give them different funders")
    return tuple(rule for _n, rule in rules)


def _one(p: Problems, item: object, path: str, categories: tuple[Category, ...],
         funders: tuple[Funder, ...]) -> OperatingRule | None:
    """One operating rule, recording problems; None if it is not a table at all."""
    if not isinstance(item, dict):
        p.add(path, "must be a table")
        return None
    p.unknown_keys(item, OPERATING_KEYS, path)
    funder = p.ident(item, "funder", path)
    if funder and funder not in {f.id for f in funders}:
        p.add(f"{path}.funder", f"{funder!r} is not declared as [funders.{funder}]")
    per: OperatingBasis = "meal" if item.get("per") == "meal" else "diner_day"
    if item.get("per") not in OPERATING_BASES:
        p.add(f"{path}.per", 'must be "diner_day" (each resident served on a day) or "meal" (each meal)')
    amount = p.integer(item, "amount_fen", path, 0, MAX_FEN, " fen")
    if "amount_fen" not in item:
        p.add(f"{path}.amount_fen", "missing (fen paid per diner-day or per meal, e.g. 300)")
    age_min, age_max = _age(p, item, "age_min", path), _age(p, item, "age_max", path)
    if age_min is not None and age_max is not None and age_max <= age_min:
        p.add(f"{path}.age_max", "must be greater than age_min (age_max is not included)")
    return OperatingRule(
        id=p.ident(item, "id", path), name_zh=p.text(item, "name_zh", path), name_en=p.text(item, "name_en", path),
        funder=funder, per=per, amount_fen=amount or 0, age_min=age_min, age_max=age_max,
        categories=_categories(p, item, path, categories),
        meal_periods=p.choices(item, "meal_periods", path, MEAL_PERIODS, MEAL_PERIODS),
        channels=p.choices(item, "channels", path, CHANNELS, CHANNELS),
        per_month_count=p.integer(item, "per_month_count", path, 0, MAX_COUNT),
        per_month_fen=p.integer(item, "per_month_fen", path, 0, MAX_COUNT * 100, " fen"))


def _age(p: Problems, item: Table, key: str, path: str) -> int | None:
    """An age on an age band's edge: the service records a payment is counted from keep the band, not the age."""
    value = p.integer(item, key, path, 0, 150)
    if value is not None and value not in AGE_EDGES:
        p.add(f"{path}.{key}", f"must be one of {list(AGE_EDGES)}: operating subsidies are counted "
              "from service records, which keep the age band (60–69, 70–79, ...), not the age")
        return None
    return value


def _categories(p: Problems, item: Table, path: str, declared: tuple[Category, ...]) -> frozenset[str]:
    """Categories (any of) that must be declared in [categories]."""
    codes = tuple(c.code for c in declared)
    if "categories" in item and not codes:
        p.add(f"{path}.categories", "no [categories] are declared in this file")
        return frozenset()
    return p.choices(item, "categories", path, codes, ())
