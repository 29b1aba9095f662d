"""A dish's details read from text, as the dish form or a catalog spreadsheet gives them.

Amounts are typed in yuan and kept in fen; a field that cannot be read is refused by name (InvalidInput),
so the page shows the reason beside it and the import names the column.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from datetime import date
from decimal import Decimal

from pos.dishes.details import DishIn
from pos.errors import InvalidInput
from pos.i18n import lazy_text as _l
from vocabulary.money import format_fen, parse_yuan

LIST_FIELDS = ("other_groups", "flags", "allergens", "seasons", "periods")
WHOLE_FIELDS = ("kcal", "sodium_mg", "wok_min", "prep_min")
GRAM_FIELDS = ("protein_g", "fat_g")
TEXT_FIELDS = ("code", "name", "name_en", "category", "main_ingredient", "food_group", "grain", "method")
TICKED = ("1", "on", "true", "yes", "y", "是", "√", "✓")
UNTICKED = ("", "0", "off", "false", "no", "n", "否", "×")
WHOLE = re.compile(r"[0-9]{1,6}")
DECIMAL = re.compile(r"[0-9]{1,6}(\.[0-9]+)?")

FIELD_LABELS = {
    "code": _l("Code"), "name": _l("Name"), "name_en": _l("English name"), "category": _l("Category"),
    "is_delivery_fee": _l("Delivery fee"), "main_ingredient": _l("Main ingredient"),
    "food_group": _l("Food group"), "other_groups": _l("Other food groups"), "grain": _l("Grain"),
    "method": _l("Cooking method"), "flags": _l("Diet and texture"), "allergens": _l("Allergens"),
    "kcal": _l("Energy (kcal)"), "protein_g": _l("Protein (g)"), "fat_g": _l("Fat (g)"),
    "sodium_mg": _l("Sodium (mg)"), "cost": _l("Food cost (yuan)"), "price": _l("Price (yuan)"),
    "seasons": _l("Seasons"), "periods": _l("Meal periods"), "wok_min": _l("Wok minutes"),
    "prep_min": _l("Preparation minutes"), "effective_from": _l("In force from"), "on_sale": _l("On sale"),
    "file": _l("Catalog file"),
}


def plain(value: object) -> str:
    """A value as trimmed text, full-width digits and letters folded (a Chinese keyboard types them)."""
    return unicodedata.normalize("NFKC", "" if value is None else str(value)).strip()


def read_dish(values: Mapping[str, object]) -> DishIn:
    """A dish's details from text; lists (checkboxes) as lists of text."""
    def text(name: str) -> str:
        return str(values.get(name) or "").strip()

    def items(name: str) -> tuple[str, ...]:
        return tuple(dict.fromkeys(plain(v) for v in _as_list(values.get(name)) if plain(v)))

    def whole(name: str) -> int:
        return read_whole(values.get(name), name)

    return DishIn(
        code=text("code"), name=text("name"), name_en=text("name_en"), category=text("category"),
        is_delivery_fee=read_flag(values.get("is_delivery_fee"), "is_delivery_fee"),
        main_ingredient=text("main_ingredient"), food_group=text("food_group"), other_groups=items("other_groups"),
        grain=text("grain"), method=text("method"), flags=items("flags"), allergens=items("allergens"),
        kcal=whole("kcal"), protein_g=read_grams(values.get("protein_g"), "protein_g"),
        fat_g=read_grams(values.get("fat_g"), "fat_g"), sodium_mg=whole("sodium_mg"),
        cost_fen=read_yuan(values.get("cost"), "cost", blank=0), seasons=items("seasons"), periods=items("periods"),
        wok_min=whole("wok_min"), prep_min=whole("prep_min"))


def _as_list(value: object) -> list[object]:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def read_yuan(value: object, field: str, blank: int | None = None) -> int:
    """An amount in yuan (at most two decimals, 0 or more) as fen; `blank` stands for an empty field, if given."""
    text = plain(value)
    if not text and blank is not None:
        return blank
    try:
        return parse_yuan(text)
    except ValueError:
        raise InvalidInput("must be an amount in yuan, 0 or more, with at most two decimals, like 12.50",
                           field=field) from None


def read_whole(value: object, field: str) -> int:
    """A whole number, 0 or more; blank is 0."""
    text = plain(value)
    if not text:
        return 0
    if not WHOLE.fullmatch(text):
        raise InvalidInput("must be a whole number, 0 or more", field=field)
    return int(text)


def read_grams(value: object, field: str) -> Decimal:
    """Grams, 0 or more, with decimals; blank is 0."""
    text = plain(value)
    if not text:
        return Decimal(0)
    if not DECIMAL.fullmatch(text):
        raise InvalidInput("must be a number, 0 or more, like 12.5", field=field)
    return Decimal(text.rstrip("0").rstrip(".") if "." in text else text)  # 12.50 -> 12.5, 10.0 -> 10


def read_flag(value: object, field: str) -> bool:
    """A ticked box, or yes/no in a spreadsheet."""
    text = plain(value).lower()
    if text in TICKED:
        return True
    if text in UNTICKED:
        return False
    raise InvalidInput("must be yes or no", field=field)


def read_day(value: object, field: str = "effective_from") -> date:
    """A date like 2026-12-01."""
    try:
        return date.fromisoformat(plain(value))
    except ValueError:
        raise InvalidInput("must be a date like 2026-12-01", field=field) from None


def form_values(data: DishIn) -> dict[str, object]:
    """A dish's details as the form shows them: text, lists for the checkboxes, money in yuan."""
    values: dict[str, object] = {name: getattr(data, name) for name in TEXT_FIELDS + LIST_FIELDS}
    values |= {name: str(getattr(data, name)) for name in WHOLE_FIELDS + GRAM_FIELDS}
    values |= {"cost": format_fen(data.cost_fen), "is_delivery_fee": data.is_delivery_fee}
    return values
