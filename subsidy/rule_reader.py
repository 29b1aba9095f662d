"""Validate one [[rules]] table of a policy file."""
from __future__ import annotations

from vocabulary import CHANNELS, MEAL_PERIODS

from .checks import Problems, Table
from .model import (
    Benefit,
    BenefitKind,
    Caps,
    Category,
    Funder,
    Group,
    Rule,
    Share,
)

MAX_FEN = 10_000_000  # 100,000 yuan: far above any meal, so it only catches typos
CAP_KEYS = tuple(f"per_{w}_{u}" for w in ("day", "period", "month") for u in ("count", "fen"))
BENEFIT_KEYS: tuple[BenefitKind, ...] = ("subsidy_fen", "subsidy_percent", "resident_pays_fen")
RULE_KEYS = {"id", "group", "name_zh", "name_en", "applies_to", "age_min", "age_max",
             "categories", "meal_periods", "channels", "min_spend_fen", "subsidy_max_fen",
             "shares", *BENEFIT_KEYS, *CAP_KEYS}


def read_caps(p: Problems, table: Table, path: str) -> Caps:
    """The optional per-day/period/month limits of a rule, group or funder."""
    return Caps(**{k: p.integer(table, k, path, 0, 1000 if k.endswith("count") else MAX_FEN)
                   for k in CAP_KEYS})


def read_rule(p: Problems, item: object, path: str, categories: tuple[Category, ...],
              funders: tuple[Funder, ...], groups: tuple[Group, ...]) -> Rule | None:
    """One rule, recording problems; None if it is not a table at all."""
    if not isinstance(item, dict):
        p.add(path, "must be a table")
        return None
    p.unknown_keys(item, RULE_KEYS, path)
    group = p.ident(item, "group", path)
    if group and group not in {g.id for g in groups}:
        p.add(f"{path}.group", f"{group!r} is not declared as [groups.{group}]")
    age_min = p.integer(item, "age_min", path, 0, 150)
    age_max = p.integer(item, "age_max", path, 1, 151)
    if age_min is not None and age_max is not None and age_max <= age_min:
        p.add(f"{path}.age_max", "must be greater than age_min (age_max is not included)")
    applies_to = item.get("applies_to", "meal")
    if applies_to not in ("meal", "delivery_fee"):
        p.add(f"{path}.applies_to", "must be \"meal\" or \"delivery_fee\"")
        applies_to = "meal"
    return Rule(
        id=p.ident(item, "id", path), group=group,
        name_zh=p.text(item, "name_zh", path), name_en=p.text(item, "name_en", path),
        benefit=_benefit(p, item, path), shares=_shares(p, item, path, funders),
        applies_to=applies_to, age_min=age_min, age_max=age_max,
        categories=_categories(p, item, path, categories),
        meal_periods=p.choices(item, "meal_periods", path, MEAL_PERIODS, MEAL_PERIODS),
        channels=p.choices(item, "channels", path, CHANNELS, CHANNELS),
        min_spend_fen=p.integer(item, "min_spend_fen", path, 0, MAX_FEN) or 0,
        caps=read_caps(p, item, path))


def _benefit(p: Problems, item: Table, path: str) -> Benefit:
    """Exactly one of subsidy_fen / subsidy_percent / resident_pays_fen."""
    given = [k for k in BENEFIT_KEYS if k in item]
    if len(given) != 1:
        p.add(path, f"must have exactly one of {', '.join(BENEFIT_KEYS)} (found {len(given)})")
        return Benefit("subsidy_fen", 0)
    kind = given[0]
    hi, unit = (100, " (percent)") if kind == "subsidy_percent" else (MAX_FEN, " fen")
    value = p.integer(item, kind, path, 0, hi, unit)
    max_fen = p.integer(item, "subsidy_max_fen", path, 0, MAX_FEN, " fen")
    return Benefit(kind, value or 0, max_fen)


def _categories(p: Problems, item: Table, path: str,
                declared: tuple[Category, ...]) -> frozenset[str]:
    """Categories (any of) that must be declared in [categories]."""
    codes = tuple(c.code for c in declared)
    if "categories" in item and not codes:
        p.add(f"{path}.categories", "no [categories] are declared in this file")
        return frozenset()
    return p.choices(item, "categories", path, codes, ())


def _shares(p: Problems, item: Table, path: str, funders: tuple[Funder, ...]) -> tuple[Share, ...]:
    """Funder shares: fixed fen in order, exactly one "rest"; optional with a single funder."""
    ids = [f.id for f in funders]
    table = item.get("shares")
    if table is None:
        if len(ids) == 1:
            return (Share(ids[0], None),)
        p.add(f"{path}.shares", "missing: required when the file declares more than one funder"
              if ids else "missing: declare at least one [funders.<id>] table")
        return ()
    if not isinstance(table, dict) or not table:
        p.add(f"{path}.shares", 'must be a table like { city = 300, town = "rest" }')
        return ()
    out = []
    for fid, value in table.items():
        if fid not in ids:
            p.add(f"{path}.shares.{fid}", f"is not declared as [funders.{fid}]")
        if value == "rest":
            out.append(Share(fid, None))
        elif type(value) is int and 0 <= value <= MAX_FEN:
            out.append(Share(fid, value))
        else:
            p.add(f"{path}.shares.{fid}", f'must be an integer 0–{MAX_FEN} fen or "rest"')
    if sum(s.fen is None for s in out) != 1:
        p.add(f"{path}.shares", 'exactly one funder must take "rest"')
    return tuple(out)
