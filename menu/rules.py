"""The canteen's planning rules: meal templates, weekly counts, nutrition, cost, kitchen."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from vocabulary import MealPeriod

from .dishes import Dish
from .labels import Allergen, Category, FoodGroup, Method, Season
from .plan import Placement

B, L, D = MealPeriod.BREAKFAST, MealPeriod.LUNCH, MealPeriod.DINNER


@dataclass(frozen=True)
class Role:
    """One dish position in a set meal, filled by a dish of one of `categories`."""

    name: str
    categories: frozenset[Category]

    def accepts(self, dish: Dish) -> bool:
        """True when the dish's category fits this position."""
        return dish.category in self.categories


def role(name: str, *categories: Category) -> Role:
    """Shorthand for a Role; without categories the name is the category."""
    return Role(name, frozenset(categories or (Category(name),)))


@dataclass(frozen=True)
class MealTemplate:
    """The set meal served at one meal period, as a tuple of roles."""

    period: MealPeriod
    roles: tuple[Role, ...]


BREAKFAST = MealTemplate(B, (role("porridge"), role("staple"), role("egg_tofu", Category.TOFU_EGG),
                             role("vegetable")))
LUNCH = MealTemplate(L, (role("meat"), role("half_meat"), role("vegetable"), role("staple"),
                         role("soup")))
DINNER = MealTemplate(D, (role("half_meat"), role("vegetable"), role("staple"),
                          role("soup", Category.SOUP, Category.PORRIDGE)))


@dataclass(frozen=True)
class SetMeal:
    """A set meal the canteen may choose for a meal period: its template and its name on the menu."""

    template: MealTemplate
    zh: str
    en: str

    def label(self, locale: str = "zh_CN") -> str:
        """The set meal's name in `locale`, e.g. 一荤素两素一饭一汤."""
        return self.en if locale.startswith("en") else self.zh


STANDARD = "standard"
VEGETABLE_2 = role("vegetable_2", Category.VEGETABLE)  # role names are unique within a template
_SMALL_TWO_VEG = (role("half_meat"), role("vegetable"), VEGETABLE_2, role("staple"))
# The set meals a canteen chooses from, per meal period; "standard" (the templates above) is the default.
SET_MEALS: dict[MealPeriod, dict[str, SetMeal]] = {
    B: {STANDARD: SetMeal(BREAKFAST, "一粥一主食一蛋豆一素", "porridge, staple, egg or tofu, vegetable")},
    L: {STANDARD: SetMeal(LUNCH, "一荤一荤素一素一饭一汤", "meat, half-meat, vegetable, staple, soup"),
        "one_small_two_veg": SetMeal(MealTemplate(L, (*_SMALL_TWO_VEG, role("soup"))),
                                     "一荤素两素一饭一汤", "half-meat, two vegetables, staple, soup"),
        "big_small_two_veg": SetMeal(MealTemplate(L, (role("meat"), *_SMALL_TWO_VEG, role("soup"))),
                                     "一荤一荤素两素一饭一汤", "meat, half-meat, two vegetables, staple, soup")},
    D: {STANDARD: SetMeal(DINNER, "一荤素一素一饭一汤（或粥）", "half-meat, vegetable, staple, soup or porridge"),
        "one_small_two_veg": SetMeal(
            MealTemplate(D, (*_SMALL_TWO_VEG, role("soup", Category.SOUP, Category.PORRIDGE))),
            "一荤素两素一饭一汤（或粥）", "half-meat, two vegetables, staple, soup or porridge")},
}


def set_meal(period: MealPeriod, name: object = STANDARD) -> MealTemplate:
    """The template of the set meal `name` at `period`; the standard one for a name not on the list."""
    meals = SET_MEALS[period]
    chosen = meals.get(name) if isinstance(name, str) else None  # a stored document may hold anything
    return (chosen or meals[STANDARD]).template


def _serving_order(meals: list[SetMeal]) -> tuple[str, ...]:
    """Every role of a period's set meals once, each new one right after the role before it in its set meal."""
    order: list[str] = []
    for meal in meals:
        at = 0
        for r in meal.template.roles:
            if r.name not in order:
                order.insert(at, r.name)
            at = order.index(r.name) + 1
    return tuple(order)


# One order for listing a meal's dishes, whichever set meal a week was planned with (vegetable_2
# right after vegetable), so weeks planned before a change of set meal still list in order.
SERVING_ORDER = {period: _serving_order(list(meals.values())) for period, meals in SET_MEALS.items()}


def serving_rank(period: MealPeriod | str, role_name: str) -> int:
    """Where a role's dish is listed within its meal; unknown roles last."""
    order = SERVING_ORDER[MealPeriod(period)]
    return order.index(role_name) if role_name in order else len(order)


@dataclass(frozen=True)
class CountRule:
    """Weekly minimum and/or maximum servings of dishes matching `selector`.

    Selectors: "group:fish", "method:fry", "category:meat", "flag:spicy",
    "ingredient:pork".
    """

    selector: str
    minimum: int | None = None
    maximum: int | None = None

    def matches(self, dish: Dish) -> bool:
        """True when the dish counts towards this rule."""
        kind, _, value = self.selector.partition(":")
        if kind == "group":
            return FoodGroup(value) in dish.groups
        if kind == "method":
            return dish.method == Method(value)
        if kind == "category":
            return dish.category == Category(value)
        if kind == "flag":
            return bool(getattr(dish, value))
        if kind == "ingredient":
            return dish.main_ingredient == value
        raise ValueError(f"unknown selector {self.selector!r}")

    def label(self, locale: str = "zh_CN") -> str:
        """Name what the rule counts, e.g. 鱼类菜 / fish dishes."""
        kind, _, value = self.selector.partition(":")
        en = locale.startswith("en")
        enum = {"group": FoodGroup, "method": Method, "category": Category}.get(kind)
        if enum is not None:
            text = enum(value).label(locale)
        else:
            text = FLAG_LABELS.get(value, (value, value))[1 if en else 0]
        return f"{text} dishes" if en else f"{text}菜品"


FLAG_LABELS = {"soft": ("软烂", "soft"), "spicy": ("辣味", "spicy"), "low_salt": ("少盐", "low-salt"),
               "low_sugar": ("少糖", "low-sugar"), "low_fat": ("少油", "low-fat")}


class Nutrient(StrEnum):
    ENERGY = "energy_kcal"
    PROTEIN = "protein_g"
    FAT = "fat_g"
    SODIUM = "sodium_mg"

    def label(self, locale: str = "zh_CN") -> str:
        """Return the nutrient's name with its unit."""
        zh, en = {"energy_kcal": ("能量（千卡）", "energy (kcal)"), "protein_g": ("蛋白质（克）", "protein (g)"),
                  "fat_g": ("脂肪（克）", "fat (g)"), "sodium_mg": ("钠（毫克）", "sodium (mg)")}[self.value]
        return en if locale.startswith("en") else zh

    def amount(self, dish: Dish) -> int:
        """The dish's amount as an integer: kcal, mg, or tenths of a gram."""
        value = getattr(dish, self.value)
        return int(value) if self in (Nutrient.ENERGY, Nutrient.SODIUM) else round(value * 10)

    @property
    def scale(self) -> int:
        """How many integer units make one displayed unit."""
        return 10 if self in (Nutrient.PROTEIN, Nutrient.FAT) else 1


@dataclass(frozen=True)
class NutrientTarget:
    """Per person per day for all three meals; averaged over the week, with a cap on any day."""

    nutrient: Nutrient
    daily_min: float | None = None
    daily_max: float | None = None
    day_cap: float | None = None


# Chinese Dietary Guidelines 2022 (older adults) / WS/T 556-2017, see DOMAIN.md.
DEFAULT_NUTRITION = (
    NutrientTarget(Nutrient.ENERGY, 1550, 1900, 2100),
    NutrientTarget(Nutrient.PROTEIN, 62, None, None),
    NutrientTarget(Nutrient.FAT, 35, 63, None),
    NutrientTarget(Nutrient.SODIUM, None, 2000, 2600),
)
# Share of a day's nutrition each meal period carries (breakfast 25-30 %, lunch 35-40 %, dinner 30-35 %).
DEFAULT_SHARES = {B: 0.28, L: 0.40, D: 0.32}


@dataclass(frozen=True)
class Budget:
    """Food cost per meal: weekly average at most `average_fen`, any one meal at most `cap_fen`."""

    average_fen: int
    cap_fen: int


@dataclass(frozen=True)
class KitchenLimit:
    """Kitchen capacity for one meal: wok minutes and preparation minutes."""

    wok_minutes: int
    prep_minutes: int


@dataclass(frozen=True)
class Weights:
    """Objective weights (points); the planner minimises the total."""

    popularity: int = 1      # per point of unpopularity (0..100) per dish served
    cost: int = 1            # per jiao (10 fen) of food cost
    recency: int = 15        # per dish served in recent weeks, more for more recent
    nutrition: int = 20      # per percent the weekly average misses its range
    day_cap: int = 40        # per percent a single day exceeds its cap


class Pin(Placement):
    """A dish the manager fixed at a day, period and role: a placement re-planning must keep."""


@dataclass(frozen=True)
class Rules:
    """Everything the canteen requires of a week's menu (defaults follow DOMAIN.md)."""

    templates: tuple[MealTemplate, ...] = (LUNCH,)
    days: int = 7
    repeatable: frozenset[Category] = frozenset({Category.STAPLE, Category.SOUP, Category.PORRIDGE})
    repeat_limit: int = 2
    distinct_main_ingredient: bool = True
    protein_and_vegetable: bool = True
    soft_protein: bool = True
    coarse_staple_daily: bool = True
    coarse_lunch_days: int = 5
    dark_leafy_daily: bool = True
    low_salt_per_meal: int = 1
    weekly_counts: tuple[CountRule, ...] = (
        CountRule("group:fish", minimum=2), CountRule("group:soy", minimum=3),
        CountRule("method:fry", maximum=2))
    nutrition: tuple[NutrientTarget, ...] = DEFAULT_NUTRITION
    shares: dict[MealPeriod, float] = field(default_factory=lambda: dict(DEFAULT_SHARES))
    budgets: dict[MealPeriod, Budget] = field(default_factory=lambda: {
        B: Budget(300, 450), L: Budget(1100, 1400), D: Budget(750, 1000)})
    kitchen: dict[MealPeriod, KitchenLimit] = field(default_factory=lambda: {
        B: KitchenLimit(15, 60), L: KitchenLimit(35, 110), D: KitchenLimit(30, 90)})
    rotation_weeks: int = 2
    recent_weeks: int = 4
    excluded_allergens: frozenset[Allergen] = frozenset()
    exclude_spicy: bool = False
    season: Season | None = None
    weights: Weights = Weights()

    @property
    def periods(self) -> tuple[MealPeriod, ...]:
        """The meal periods being planned, in template order."""
        return tuple(t.period for t in self.templates)

    def template(self, period: MealPeriod) -> MealTemplate | None:
        """The template for `period`, if the canteen serves it."""
        return next((t for t in self.templates if t.period == period), None)

    def share(self) -> float:
        """Fraction of a day's nutrition the planned periods provide."""
        return sum(self.shares.get(p, 0.0) for p in self.periods)

    def allows(self, dish: Dish) -> bool:
        """True unless the canteen excludes the dish (allergen, spicy, season)."""
        if dish.allergens & self.excluded_allergens or (self.exclude_spicy and dish.spicy):
            return False
        return self.season is None or self.season in dish.seasons

    def max_servings(self, dish: Dish) -> int:
        """How often one dish may appear in a week (repeatables: limit, never on consecutive days)."""
        if dish.category not in self.repeatable:
            return 1
        return min(self.repeat_limit, (self.days + 1) // 2)


def three_meals(**changes: Any) -> Rules:
    """Rules for a canteen serving breakfast, lunch and dinner."""
    return Rules(templates=(BREAKFAST, LUNCH, DINNER), **changes)
