"""Read and validate policy files (format: docs/policy-format.md)."""
from __future__ import annotations

import os
import tomllib
from collections.abc import Iterable
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .checks import MISSING, Problems, Table
from .model import Category, Funder, Group, PolicyVersion, Rule
from .operating_reader import read_operating
from .rule_reader import read_rule
from .sections import read_categories, read_funders, read_groups

POLICY_KEYS = {"id", "version", "name_zh", "name_en", "effective_from", "effective_to",
               "timezone", "source"}
DEFAULT_TIMEZONE = "Asia/Shanghai"


class PolicyError(ValueError):
    """A policy file is invalid; `problems` lists each key and reason."""

    def __init__(self, source: str, problems: Iterable[str]) -> None:
        self.source = source
        self.problems = tuple(problems)
        super().__init__(f"{source}: invalid policy\n  " + "\n  ".join(self.problems))


def load_policy(path: str | os.PathLike[str]) -> PolicyVersion:
    """Read and validate one policy file (UTF-8 TOML)."""
    path = Path(path)
    return parse_policy(path.read_text(encoding="utf-8"), source=str(path))


def load_policies(paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]]
                  ) -> tuple[PolicyVersion, ...]:
    """Read every *.toml of a directory (or the given files); ids+versions must be unique."""
    if isinstance(paths, (str, os.PathLike)) and Path(paths).is_dir():
        paths = sorted(Path(paths).glob("*.toml"))
    elif isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    versions = tuple(load_policy(p) for p in paths)
    seen: dict[tuple[str, object], str] = {}
    for v in versions:
        for what, key in (("version", v.version), ("effective_from", v.effective_from)):
            if (v.policy_id, key) in seen:
                raise PolicyError(v.policy_id, [
                    f"policy.{what}: {key} is used by two versions "
                    f"({seen[v.policy_id, key]!r} and {v.version!r})"])
            seen[v.policy_id, key] = v.version
    return versions


def parse_policy(text: str, *, source: str = "<text>") -> PolicyVersion:
    """Validate TOML text into a PolicyVersion, or raise PolicyError listing every problem."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(source, [f"not valid TOML: {exc}"]) from None
    p = Problems()
    p.unknown_keys(data, {"policy", "categories", "funders", "groups", "rules", "operating"}, "file")
    head = p.table(data, "policy", "policy")
    p.unknown_keys(head, POLICY_KEYS, "policy")
    policy_id, version = p.ident(head, "id", "policy"), p.text(head, "version", "policy")
    name_zh, name_en = p.text(head, "name_zh", "policy"), p.text(head, "name_en", "policy")
    source_note = p.text(head, "source", "policy", required=False)
    tz = p.text(head, "timezone", "policy", required=False, default=DEFAULT_TIMEZONE)
    if "timezone" in head and not _known_zone(tz):
        p.add("policy.timezone", f"unknown time zone {tz!r} (e.g. \"Asia/Shanghai\")")
    start = _moment(p, head, "effective_from", tz, required=True)
    end = _moment(p, head, "effective_to", tz, required=False)
    if start and end and end <= start:
        p.add("policy.effective_to", "must be later than effective_from")
    categories = read_categories(p, p.table(data, "categories", "categories", required=False))
    funders = read_funders(p, p.table(data, "funders", "funders", required=False))
    groups = read_groups(p, p.table(data, "groups", "groups", required=False))
    rules = _rules(p, data.get("rules", []), categories, funders, groups)
    operating = read_operating(p, data.get("operating", []), categories, funders)
    if p.items or start is None:
        raise PolicyError(source, p.items)
    return PolicyVersion(
        policy_id=policy_id, version=version, name_zh=name_zh, name_en=name_en,
        effective_from=start, effective_to=end, timezone=tz, categories=categories,
        funders=funders, groups=groups, rules=rules, source=source_note,
        operating=operating)


def _known_zone(name: str) -> bool:
    """True if the system knows this IANA time zone."""
    try:
        ZoneInfo(name)
    except (ValueError, ZoneInfoNotFoundError):
        return False
    return True


def _moment(p: Problems, head: Table, key: str, tz: str, *, required: bool) -> datetime | None:
    """A date (meaning its midnight) or a datetime, as naive policy-local time."""
    value = head.get(key, MISSING)
    if value is MISSING:
        if required:
            p.add(f"policy.{key}", "missing (a date like 2025-01-01 or 2025-01-01T00:00:00)")
        return None
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return value
        if not _known_zone(tz):
            return None  # reported with policy.timezone
        return value.astimezone(ZoneInfo(tz)).replace(tzinfo=None)
    if isinstance(value, date):
        return datetime.combine(value, time())
    p.add(f"policy.{key}", "must be a date like 2025-01-01 or 2025-01-01T00:00:00")
    return None


def _rules(p: Problems, items: object, categories: tuple[Category, ...],
           funders: tuple[Funder, ...], groups: tuple[Group, ...]) -> tuple[Rule, ...]:
    """The [[rules]] array; rules[1] is the first rule in the file."""
    if not isinstance(items, list):
        p.add("rules", "must be written as [[rules]] tables")
        return ()
    out = [read_rule(p, item, f"rules[{n}]", categories, funders, groups)
           for n, item in enumerate(items, start=1)]
    seen: set[str] = set()
    for n, rule in enumerate(out, start=1):
        if rule and rule.id in seen:
            p.add(f"rules[{n}].id", f"{rule.id!r} is used by an earlier rule")
        seen.add(rule.id if rule else "")
    return tuple(r for r in out if r)
