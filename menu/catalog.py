"""Load dish catalogs from CSV; the demo catalog ships inside the package.

CSV columns (one dish a row): code, name, name_en, category, main_ingredient,
food_group, other_groups, grain, method, flags, allergens, kcal, protein_g,
fat_g, sodium_mg, cost_fen, price_fen, popularity, seasons, periods, wok_min,
prep_min. Lists are separated by ';'; `flags` holds soft/spicy/low_salt/
low_sugar/low_fat; an empty `seasons` means all year; `periods` is letters
B (breakfast), L (lunch), D (dinner).
"""
from __future__ import annotations

import csv
import io
from importlib import resources
from pathlib import Path
from typing import Iterable

from vocabulary import MealPeriod

from .dishes import ALL_SEASONS, Dish
from .labels import Allergen, Category, FoodGroup, GrainType, Method, Season

FLAGS = ("soft", "spicy", "low_salt", "low_sugar", "low_fat")
PERIOD_LETTERS = {"B": MealPeriod.BREAKFAST, "L": MealPeriod.LUNCH, "D": MealPeriod.DINNER}


def load_demo_catalog() -> list[Dish]:
    """Return the demo catalog of real canteen dishes for older eaters."""
    text = resources.files("menu").joinpath("data/demo_catalog.csv").read_text(encoding="utf-8")
    return parse_catalog(io.StringIO(text))


def load_catalog(path: str | Path) -> list[Dish]:
    """Read a catalog CSV file (UTF-8) into dishes."""
    with open(path, encoding="utf-8", newline="") as handle:
        return parse_catalog(handle)


def parse_catalog(lines: Iterable[str]) -> list[Dish]:
    """Parse catalog CSV rows; raises ValueError naming the bad row."""
    dishes = []
    for number, row in enumerate(csv.DictReader(lines), start=2):
        try:
            dishes.append(dish_from_row(row))
        except (KeyError, ValueError) as error:
            raise ValueError(f"catalog row {number}: {error}") from error
    codes = [d.code for d in dishes]
    if len(set(codes)) != len(codes):
        raise ValueError("catalog has duplicate dish codes")
    return dishes


def _items(text: str) -> list[str]:
    return [part.strip() for part in (text or "").split(";") if part.strip()]


def dish_from_row(row: dict[str, str]) -> Dish:
    """Build one dish from a CSV row (strings)."""
    flags = set(_items(row["flags"]))
    unknown = flags - set(FLAGS)
    if unknown:
        raise ValueError(f"unknown flags {sorted(unknown)}")
    return Dish(
        code=row["code"].strip(), name=row["name"].strip(), name_en=row["name_en"].strip(),
        category=Category(row["category"]), main_ingredient=row["main_ingredient"].strip(),
        food_group=FoodGroup(row["food_group"]),
        other_groups=frozenset(FoodGroup(g) for g in _items(row["other_groups"])),
        grain=GrainType(row["grain"]) if row["grain"] else None, method=Method(row["method"]),
        allergens=frozenset(Allergen(a) for a in _items(row["allergens"])),
        energy_kcal=int(row["kcal"]), protein_g=float(row["protein_g"]), fat_g=float(row["fat_g"]),
        sodium_mg=int(row["sodium_mg"]), cost_fen=int(row["cost_fen"]),
        price_fen=int(row["price_fen"]), popularity=float(row["popularity"]),
        seasons=frozenset(Season(s) for s in _items(row["seasons"])) or ALL_SEASONS,
        periods=frozenset(PERIOD_LETTERS[c] for c in row["periods"].strip()),
        wok_minutes=int(row["wok_min"]), prep_minutes=int(row["prep_min"]),
        **{flag: flag in flags for flag in FLAGS},
    )


def index(dishes: Iterable[Dish]) -> dict[str, Dish]:
    """Map dish code to dish."""
    return {dish.code: dish for dish in dishes}
