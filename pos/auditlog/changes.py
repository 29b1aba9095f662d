"""An audit row's before and after as a person reads them: only what changed, money in yuan, stored words in
the page's language, ID and phone numbers masked and addresses hidden (managers read the log too)."""
from __future__ import annotations

from dataclasses import dataclass

from pos.residents.masks import mask_number
from vocabulary import MealPeriod, PaymentMethod, StaffRole, Term, format_yuan

# What a manager may not read whole (an admin reads them on the resident's own page, where it is audited).
NUMBERS = ("id_number", "phone")
HIDDEN = ("address", "birth_date", "province", "city", "district", "street", "community")
WORDS: dict[str, type[Term]] = {"method": PaymentMethod, "payment_method": PaymentMethod, "role": StaffRole,
                                "meal_period": MealPeriod}


@dataclass(frozen=True)
class Change:
    """One changed value, shown as text; None when the row has no value on that side."""

    key: str
    before: str | None
    after: str | None


def changes(before: object, after: object, language: str) -> list[Change]:
    """Before → after, key by key for objects (only the keys whose value changed), else as one value."""
    if not isinstance(before, dict) and not isinstance(after, dict):
        if before is None and after is None:
            return []
        return [Change("", None if before is None else shown("", before, language),
                       None if after is None else shown("", after, language))]
    old = before if isinstance(before, dict) else {}
    new = after if isinstance(after, dict) else {}
    keys = [*old, *(k for k in new if k not in old)]
    return [Change(k, shown(k, old[k], language) if k in old else None,
                   shown(k, new[k], language) if k in new else None)
            for k in keys if (k in old or (new[k] not in (None, "", []) and k not in HIDDEN))
            and (k not in old or k not in new or old[k] != new[k])]


def shown(key: str, value: object, language: str) -> str:
    """One value as a person reads it: money in yuan, words in the page's language, numbers masked."""
    if value is None or value == "":
        return "—"
    if key in HIDDEN:
        return "***"
    if key in NUMBERS or key.endswith("_phone"):
        return mask_number(str(value))
    if isinstance(value, bool):
        return "✓" if value else "✗"
    if key.endswith("_fen") and isinstance(value, int):
        return format_yuan(value)
    if key in WORDS and isinstance(value, str):
        try:
            return WORDS[key](value).label(language)
        except ValueError:
            return value
    if isinstance(value, list):
        return "; ".join(_item(item, language) for item in value) or "—"
    if isinstance(value, dict):
        return ", ".join(f"{k}: {shown(k, v, language)}" for k, v in value.items())
    return str(value)


def _item(item: object, language: str) -> str:
    """One item of a list: a category grant [code, from, to] as "code from–to", anything else as itself."""
    if isinstance(item, list) and len(item) == 3 and all(v is None or isinstance(v, str) for v in item):
        code, start, end = item
        return f"{code} {start or ''}–{end or ''}" if start or end else str(code)
    return shown("", item, language)
