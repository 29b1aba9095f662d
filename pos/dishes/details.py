"""What a dish is, as a manager gives it: its names, its category and what the menu planner needs to know.

A dish of one of the planner's categories (meat, vegetable, staple...) carries every planning attribute and
is checked as the planner checks it; a set meal or any other item is sold but never planned, so it carries
none. The attributes are stored as the planner's catalog rows hold them (menu.catalog), as text.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from menu import Allergen, Category, FoodGroup, GrainType, Method, Season
from menu.catalog import FLAGS, PERIOD_LETTERS, dish_from_row
from menu.rules import FLAG_LABELS
from pos.dishes.models import Dish
from pos.errors import N_, InvalidInput
from pos.input_text import checked_text, column_length
from vocabulary import MealPeriod

PLANNED_CATEGORIES = tuple(c.value for c in Category)
OTHER_CATEGORY_LABELS = {"set": ("套餐", "set meal"), "other": ("其他", "other")}  # sold, never planned
CATEGORIES = PLANNED_CATEGORIES + tuple(OTHER_CATEGORY_LABELS)
GRAIN_CATEGORIES = (Category.STAPLE.value, Category.PORRIDGE.value)
LETTER_OF = {period.value: letter for letter, period in PERIOD_LETTERS.items()}
ONE_PLACE = Decimal("0.1")
MAIN_INGREDIENT_LENGTH = 40
# Whole-number attributes: their highest sensible value.
WHOLE_LIMITS = {"kcal": 5000, "sodium_mg": 20000, "wok_min": 600, "prep_min": 600}
GRAMS_LIMIT = Decimal(500)
CHOOSE_FROM_LIST = N_("must be one of the choices on the list")


@dataclass(frozen=True)
class DishIn:
    """A dish's details, typed; the planning attributes matter only for the planner's categories."""

    name: str
    category: str
    code: str = ""  # blank on a new dish: one is made (D00042)
    name_en: str = ""
    is_delivery_fee: bool = False
    main_ingredient: str = ""
    food_group: str = ""
    other_groups: tuple[str, ...] = ()
    grain: str = ""
    method: str = ""
    flags: tuple[str, ...] = ()  # soft (texture), spicy, low_salt, low_sugar, low_fat
    allergens: tuple[str, ...] = ()
    kcal: int = 0
    protein_g: Decimal = Decimal(0)
    fat_g: Decimal = Decimal(0)
    sodium_mg: int = 0
    cost_fen: int = 0
    seasons: tuple[str, ...] = ()  # none: all year
    periods: tuple[str, ...] = (MealPeriod.LUNCH.value, MealPeriod.DINNER.value)
    wok_min: int = 0
    prep_min: int = 0

    @property
    def planned(self) -> bool:
        """True for a dish the menu planner uses."""
        return self.category in PLANNED_CATEGORIES


def category_label(category: str, locale: str) -> str:
    """A category as a person reads it; an unknown one (made through the API) as it is stored."""
    if category in OTHER_CATEGORY_LABELS:
        zh, en = OTHER_CATEGORY_LABELS[category]
        return en if locale.startswith("en") else zh
    try:
        return Category(category).label(locale)
    except ValueError:
        return category


def flag_label(flag: str, locale: str) -> str:
    """A diet flag (软烂, 少盐...) as a person reads it."""
    zh, en = FLAG_LABELS[flag]
    return en if locale.startswith("en") else zh


def check_dish(data: DishIn, any_category: bool = False) -> DishIn:
    """`data` with its text trimmed, or InvalidInput naming the first field that is wrong and why.

    `any_category`: a dish added through the API, which carries no planning attributes (so is never planned),
    may have any category, as the API has always taken it.
    """
    code = checked_text(data.code.strip(), column_length(Dish.code), "code")
    if code and (" " in code or "/" in code):
        raise InvalidInput("must be letters and digits without spaces", field="code")
    name = checked_text(data.name.strip(), column_length(Dish.name), "name")
    if not name:
        raise InvalidInput("is required", field="name")
    name_en = checked_text(data.name_en.strip(), column_length(Dish.name_en), "name_en")
    category = checked_text(data.category.strip(), column_length(Dish.category), "category")
    if category not in CATEGORIES and not any_category:
        raise InvalidInput(CHOOSE_FROM_LIST, field="category")
    cleaned = DishIn(**{**data.__dict__, "code": code, "name": name, "name_en": name_en, "category": category,
                        "main_ingredient": checked_text(data.main_ingredient.strip(), MAIN_INGREDIENT_LENGTH,
                                                        "main_ingredient")})
    if cleaned.planned and not any_category:
        _check_planning(cleaned)
    return cleaned


def _check_planning(data: DishIn) -> None:
    """The planning attributes of a planned dish, each within its list or range."""
    if not data.main_ingredient:
        raise InvalidInput("is required", field="main_ingredient")
    _one_of("food_group", data.food_group, FoodGroup)
    _one_of("method", data.method, Method)
    for field, values, allowed in (("other_groups", data.other_groups, FoodGroup), ("flags", data.flags, FLAGS),
                                   ("allergens", data.allergens, Allergen), ("seasons", data.seasons, Season),
                                   ("periods", data.periods, MealPeriod)):
        for value in values:
            if value not in {str(a) for a in allowed}:
                raise InvalidInput("%(value)s is not one of the choices on the list", field=field, value=value)
    if (data.category in GRAIN_CATEGORIES) != bool(data.grain):
        raise InvalidInput("is needed for a staple or porridge, and only for them", field="grain")
    if data.grain:
        _one_of("grain", data.grain, GrainType)
    if not data.periods:
        raise InvalidInput("tick at least one meal period", field="periods")
    for field, high in WHOLE_LIMITS.items():
        if not 0 <= getattr(data, field) <= high:
            raise InvalidInput("must be a whole number from %(low)s to %(high)s", field=field, low=0, high=high)
    for field in ("protein_g", "fat_g"):
        grams = getattr(data, field)
        if not 0 <= grams <= GRAMS_LIMIT or grams != grams.quantize(ONE_PLACE):
            raise InvalidInput("must be a number from 0 to %(high)s with at most one decimal", field=field,
                               high=GRAMS_LIMIT)
    if data.cost_fen < 0:
        raise InvalidInput("must be an amount in yuan, 0 or more", field="cost")


def _one_of(field: str, value: str, allowed: Iterable[object]) -> None:
    if value not in {str(a) for a in allowed}:
        raise InvalidInput(CHOOSE_FROM_LIST, field=field)


def attributes_of(data: DishIn, popularity: str = "0.5") -> dict[str, str]:
    """The planning attributes as the planner's catalog row holds them (none for a dish never planned)."""
    if not data.planned:
        return {}
    return {"category": data.category, "main_ingredient": data.main_ingredient, "food_group": data.food_group,
            "other_groups": ";".join(data.other_groups), "grain": data.grain, "method": data.method,
            "flags": ";".join(data.flags), "allergens": ";".join(data.allergens), "kcal": str(data.kcal),
            "protein_g": str(data.protein_g), "fat_g": str(data.fat_g), "sodium_mg": str(data.sodium_mg),
            "cost_fen": str(data.cost_fen), "popularity": popularity, "seasons": ";".join(data.seasons),
            "periods": "".join(LETTER_OF[p] for p in MealPeriod if p.value in data.periods),
            "wok_min": str(data.wok_min), "prep_min": str(data.prep_min)}


def planner_check(data: DishIn, attributes: dict[str, str]) -> None:
    """The planner's own check of the stored row, as it will read it (a last guard; the checks above come first)."""
    if not attributes:
        return
    try:
        dish_from_row({**attributes, "code": data.code or "new", "name": data.name,
                       "name_en": data.name_en or data.name, "price_fen": "0"})
    except (KeyError, ValueError) as exc:
        raise InvalidInput("the menu planner cannot use this dish: %(reason)s", field="category",
                           reason=str(exc)) from None


def dish_in_of(dish: Dish) -> DishIn:
    """A stored dish as its details (for the edit form and the export)."""
    a = {k: str(v) for k, v in (dish.attributes or {}).items()}

    def items(key: str) -> tuple[str, ...]:
        return tuple(part.strip() for part in a.get(key, "").split(";") if part.strip())

    def whole(key: str) -> int:
        return int(a[key]) if a.get(key, "").isdigit() else 0

    return DishIn(
        name=dish.name, category=dish.category, code=dish.code, name_en=dish.name_en,
        is_delivery_fee=dish.is_delivery_fee, main_ingredient=a.get("main_ingredient", ""),
        food_group=a.get("food_group", ""), other_groups=items("other_groups"), grain=a.get("grain", ""),
        method=a.get("method", ""), flags=items("flags"), allergens=items("allergens"), kcal=whole("kcal"),
        protein_g=_decimal(a.get("protein_g", "0")), fat_g=_decimal(a.get("fat_g", "0")),
        sodium_mg=whole("sodium_mg"), cost_fen=whole("cost_fen"), seasons=items("seasons"),
        periods=tuple(PERIOD_LETTERS[c].value for c in a.get("periods", "") if c in PERIOD_LETTERS) or
        DishIn.periods, wok_min=whole("wok_min"), prep_min=whole("prep_min"))


def _decimal(text: str) -> Decimal:
    try:
        return Decimal(text)
    except ArithmeticError:
        return Decimal(0)
