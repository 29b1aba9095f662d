"""Dish validation and the demo catalog."""
from __future__ import annotations

import pytest
from menu_factories import dish

from menu.catalog import load_demo_catalog, parse_catalog
from menu.dishes import DishError, popularity_from_sales
from menu.labels import Allergen, Category, FoodGroup, GrainType
from vocabulary import MealPeriod


def test_valid_dish_has_groups_and_flags():
    d = dish(Category.HALF_MEAT, food_group=FoodGroup.PORK,
             other_groups=frozenset({FoodGroup.DARK_LEAFY_VEGETABLE}))
    assert d.groups == {FoodGroup.PORK, FoodGroup.DARK_LEAFY_VEGETABLE}
    assert d.protein_dish and not d.coarse_or_whole


@pytest.mark.parametrize("changes, fragment", [
    ({"price_fen": -1}, "price_fen"),
    ({"cost_fen": 1.5}, "cost_fen"),
    ({"popularity": 3}, "popularity"),
    ({"grain": GrainType.COARSE}, "grain"),
    ({"code": "has space"}, "code"),
    ({"periods": frozenset()}, "periods"),
])
def test_invalid_dish_is_refused(changes, fragment):
    with pytest.raises(DishError, match=fragment):
        dish(Category.VEGETABLE, **changes)


def test_staple_needs_grain_type():
    with pytest.raises(DishError, match="grain"):
        dish(Category.STAPLE, grain=None)


def test_popularity_from_sales_scales_to_best_seller():
    assert popularity_from_sales({"A": 50, "B": 25, "C": 0}) == {"A": 1.0, "B": 0.5, "C": 0.0}


def test_demo_catalog_is_rich_and_consistent():
    dishes = load_demo_catalog()
    codes = [d.code for d in dishes]
    assert len(dishes) >= 150 and len(set(codes)) == len(codes)
    assert {d.category for d in dishes} == set(Category)
    assert all(200 <= d.price_fen <= 1500 or d.category in (Category.STAPLE, Category.PORRIDGE, Category.TOFU_EGG)
               for d in dishes)
    assert all(d.cost_fen < d.price_fen for d in dishes)
    by_code = {d.code: d for d in dishes}
    assert by_code["M01"].name == "清蒸鲈鱼" and Allergen.FISH in by_code["M01"].allergens
    assert by_code["ST02"].grain == GrainType.COARSE
    assert MealPeriod.BREAKFAST in by_code["P01"].periods


def test_allergen_labels_are_chinese_and_english():
    assert Allergen.PEANUT.label() == "花生" and Allergen.PEANUT.label("en") == "peanut"
    assert len(Allergen) == 12


def test_parse_catalog_names_the_bad_row():
    text = open_demo_lines()[:2]
    text[1] = text[1].replace(",meat,", ",stew_meat,", 1)
    with pytest.raises(ValueError, match="row 2"):
        parse_catalog(text)


def open_demo_lines() -> list[str]:
    from importlib import resources
    return resources.files("menu").joinpath("data/demo_catalog.csv").read_text(encoding="utf-8").splitlines()
