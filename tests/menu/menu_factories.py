"""Factories for dishes, catalogs and plans in the menu tests."""
from __future__ import annotations

from dataclasses import replace
from itertools import count

from menu.dishes import Dish
from menu.labels import Category, FoodGroup, GrainType, Method
from menu.plan import Placement, WeekPlan
from vocabulary import MealPeriod

_codes = count(1)
LUNCH = MealPeriod.LUNCH

_DEFAULTS = {
    Category.MEAT: dict(food_group=FoodGroup.PORK, cost_fen=400, energy_kcal=250, soft=True),
    Category.HALF_MEAT: dict(food_group=FoodGroup.POULTRY, cost_fen=300, energy_kcal=180),
    Category.VEGETABLE: dict(food_group=FoodGroup.OTHER_VEGETABLE, cost_fen=100, energy_kcal=70),
    Category.STAPLE: dict(food_group=FoodGroup.GRAIN, cost_fen=40, energy_kcal=170, grain=GrainType.FINE),
    Category.SOUP: dict(food_group=FoodGroup.OTHER_VEGETABLE, cost_fen=60, energy_kcal=50),
    Category.PORRIDGE: dict(food_group=FoodGroup.GRAIN, cost_fen=20, energy_kcal=90, grain=GrainType.FINE),
    Category.TOFU_EGG: dict(food_group=FoodGroup.EGG, cost_fen=80, energy_kcal=100),
}


def dish(category: Category = Category.VEGETABLE, **changes) -> Dish:
    """A valid dish of `category` with a fresh code; override any field."""
    n = next(_codes)
    fields = dict(code=f"T{n:04d}", name=f"菜{n}", name_en=f"Dish {n}", category=category,
                  main_ingredient=f"ingredient{n}", method=Method.STEAM, price_fen=500,
                  protein_g=5.0, fat_g=5.0, sodium_mg=200, low_salt=True)
    fields.update(_DEFAULTS[category])
    fields.update(changes)
    return Dish(**fields)


def lunch_catalog(*, meat=9, half=9, veg=9, staples=5, coarse=5, soups=5) -> list[Dish]:
    """A catalog that admits a lunch-only week under rules with no counts or nutrition."""
    out = [dish(Category.MEAT) for _ in range(meat)]
    out += [dish(Category.HALF_MEAT) for _ in range(half)]
    out += [dish(Category.VEGETABLE, food_group=FoodGroup.DARK_LEAFY_VEGETABLE) for _ in range(veg)]
    out += [dish(Category.STAPLE) for _ in range(staples)]
    out += [dish(Category.STAPLE, grain=GrainType.COARSE) for _ in range(coarse)]
    out += [dish(Category.SOUP) for _ in range(soups)]
    return out


def lunch_plan(rows: list[tuple[str, ...]]) -> WeekPlan:
    """A lunch plan from rows of (meat, half_meat, vegetable, staple, soup) codes, one row a day."""
    roles = ("meat", "half_meat", "vegetable", "staple", "soup")
    return WeekPlan.of(Placement(day, LUNCH, role, code)
                       for day, row in enumerate(rows) for role, code in zip(roles, row))


def renamed(d: Dish, code: str) -> Dish:
    """The same dish under another code."""
    return replace(d, code=code)
