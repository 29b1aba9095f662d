"""Problems found in a plan or a catalog, with messages for the manager (zh_CN, en)."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from vocabulary import format_fen, format_yuan

from .labels import role_label, weekday_label
from .messages import MESSAGES


class Severity(StrEnum):
    HARD = "hard"          # the plan breaks a rule
    SOFT = "soft"          # a target is missed; the plan may still be served
    NO_PLAN = "no_plan"    # why no plan can exist


@dataclass(frozen=True)
class Problem:
    """One broken rule or missed target: a stable `code`, its parameters, a message."""

    code: str
    severity: Severity
    params: dict[str, Any] = field(default_factory=dict)

    def message(self, locale: str = "zh_CN") -> str:
        """The problem in the manager's words, in `locale` (zh_CN or en)."""
        zh, en = MESSAGES[self.code]
        template = en if locale.startswith("en") else zh
        return template.format(**{k: localise(k, v, locale) for k, v in self.params.items()})

    def __str__(self) -> str:
        return self.message("en")


def localise(key: str, value: Any, locale: str) -> str:
    """Render one message parameter for `locale` (days, labels, money, lists)."""
    if key == "day" or key.endswith("_day"):
        return weekday_label(value, locale)
    if key == "role":
        return role_label(value, locale)
    if key == "days":
        return localise("", [weekday_label(d, locale) for d in value], locale)
    if key.endswith("_fen"):
        return format_yuan(value) if locale.startswith("en") else f"{format_fen(value)}元"
    if hasattr(value, "label"):
        return value.label(locale)
    if isinstance(value, (list, tuple, frozenset, set)):
        sep = ", " if locale.startswith("en") else "、"
        return sep.join(localise("", item, locale) for item in value)
    if isinstance(value, float):
        return f"{value:,.0f}" if value >= 100 else f"{value:.1f}"
    return str(value)


def hard(code: str, /, **params: Any) -> Problem:
    """A broken hard rule."""
    return Problem(code, Severity.HARD, params)


def soft(code: str, /, **params: Any) -> Problem:
    """A missed soft target."""
    return Problem(code, Severity.SOFT, params)


def no_plan(code: str, /, **params: Any) -> Problem:
    """A reason no plan can be made."""
    return Problem(code, Severity.NO_PLAN, params)


@dataclass(frozen=True)
class DishName:
    """A dish's names for messages."""

    zh: str
    en: str

    def label(self, locale: str = "zh_CN") -> str:
        """The name in `locale`."""
        return self.en if locale.startswith("en") else self.zh
