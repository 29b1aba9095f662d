"""The dish: a frozen, validated record of what the kitchen can cook."""
from __future__ import annotations

from dataclasses import dataclass

from vocabulary import MealPeriod

from .labels import Allergen, Category, FoodGroup, GrainType, Method, Season

ALL_SEASONS = frozenset(Season)
MAIN_PERIODS = frozenset({MealPeriod.LUNCH, MealPeriod.DINNER})


class DishError(ValueError):
    """A dish record is inconsistent (raised on construction)."""


@dataclass(frozen=True)
class Dish:
    """One dish as served: one portion for one older eater."""

    code: str
    name: str
    name_en: str
    category: Category
    main_ingredient: str
    food_group: FoodGroup
    method: Method
    price_fen: int
    cost_fen: int
    energy_kcal: int
    protein_g: float
    fat_g: float
    sodium_mg: int
    other_groups: frozenset[FoodGroup] = frozenset()
    grain: GrainType | None = None
    soft: bool = False
    spicy: bool = False
    low_salt: bool = False
    low_sugar: bool = False
    low_fat: bool = False
    allergens: frozenset[Allergen] = frozenset()
    popularity: float = 0.5
    seasons: frozenset[Season] = ALL_SEASONS
    periods: frozenset[MealPeriod] = MAIN_PERIODS
    wok_minutes: int = 0
    prep_minutes: int = 0

    def __post_init__(self) -> None:
        for problem in _problems(self):
            raise DishError(f"{self.code}: {problem}")

    @property
    def groups(self) -> frozenset[FoodGroup]:
        """Every food group the dish contains, its main group first among equals."""
        return self.other_groups | {self.food_group}

    @property
    def coarse_or_whole(self) -> bool:
        """True for a staple or porridge of coarse or whole grain (粗杂粮)."""
        return self.grain in (GrainType.COARSE, GrainType.WHOLE)

    @property
    def protein_dish(self) -> bool:
        """True for the meal's protein dish: meat, half-meat, egg or tofu."""
        return self.category in PROTEIN_CATEGORIES

    def label(self, locale: str = "zh_CN") -> str:
        """Return the dish name in `locale`."""
        return self.name_en if locale.startswith("en") else self.name


PROTEIN_CATEGORIES = frozenset({Category.MEAT, Category.HALF_MEAT, Category.TOFU_EGG})
GRAIN_CATEGORIES = frozenset({Category.STAPLE, Category.PORRIDGE})


def _problems(dish: Dish) -> list[str]:
    """List what is wrong with a dish record; empty when valid."""
    out = []
    if not dish.code or not dish.code.strip() or " " in dish.code:
        out.append("code must be a non-empty token")
    if not dish.name.strip() or not dish.name_en.strip():
        out.append("name and name_en are required")
    for name in ("price_fen", "cost_fen", "energy_kcal", "sodium_mg", "wok_minutes", "prep_minutes"):
        value = getattr(dish, name)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            out.append(f"{name} must be a non-negative integer")
    if dish.protein_g < 0 or dish.fat_g < 0:
        out.append("protein_g and fat_g must be non-negative")
    if not 0.0 <= dish.popularity <= 1.0:
        out.append("popularity must be within 0..1 (see popularity_from_sales)")
    if (dish.grain is None) == (dish.category in GRAIN_CATEGORIES):
        out.append("grain type is required for staples and porridge, and only for them")
    if not dish.seasons or not dish.periods:
        out.append("seasons and periods must not be empty")
    if not dish.main_ingredient.strip():
        out.append("main_ingredient is required")
    return out


def popularity_from_sales(counts: dict[str, int]) -> dict[str, float]:
    """Turn sales counts per dish code into popularity 0..1 (best seller = 1)."""
    top = max(counts.values(), default=0)
    return {code: (n / top if top else 0.0) for code, n in counts.items()}
