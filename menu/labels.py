"""Enumerations of dish attributes, each with a Chinese and an English label."""
from __future__ import annotations

from enum import StrEnum

ZH = "zh_CN"
EN = "en"


class Labelled(StrEnum):
    """A string enum whose members carry a (zh, en) label in `_labels`."""

    def label(self, locale: str = ZH) -> str:
        """Return the member's label in `locale` (zh_CN or en)."""
        zh, en = type(self)._labels()[self.value]
        return en if locale.startswith("en") else zh

    @classmethod
    def _labels(cls) -> dict[str, tuple[str, str]]:
        raise NotImplementedError


class Category(Labelled):
    MEAT = "meat"
    HALF_MEAT = "half_meat"
    VEGETABLE = "vegetable"
    TOFU_EGG = "tofu_egg"
    SOUP = "soup"
    STAPLE = "staple"
    PORRIDGE = "porridge"
    FRUIT = "fruit"

    @classmethod
    def _labels(cls) -> dict[str, tuple[str, str]]:
        return {
            "meat": ("荤菜", "meat dish"), "half_meat": ("荤素菜", "half-meat dish"),
            "vegetable": ("素菜", "vegetable dish"), "tofu_egg": ("蛋豆类", "egg or tofu dish"),
            "soup": ("汤", "soup"), "staple": ("主食", "staple"),
            "porridge": ("粥", "porridge"), "fruit": ("水果", "fruit"),
        }


class FoodGroup(Labelled):
    PORK = "pork"
    POULTRY = "poultry"
    BEEF_MUTTON = "beef_mutton"
    FISH = "fish"
    SHELLFISH = "shellfish"
    EGG = "egg"
    SOY = "soy"
    DARK_LEAFY_VEGETABLE = "dark_leafy_vegetable"
    OTHER_VEGETABLE = "other_vegetable"
    MUSHROOM = "mushroom"
    TUBER = "tuber"
    GRAIN = "grain"
    MILK = "milk"
    FRUIT = "fruit"
    SEAWEED = "seaweed"

    @classmethod
    def _labels(cls) -> dict[str, tuple[str, str]]:
        return {
            "pork": ("猪肉", "pork"), "poultry": ("禽肉", "poultry"),
            "beef_mutton": ("牛羊肉", "beef or mutton"), "fish": ("鱼", "fish"),
            "shellfish": ("虾贝类", "shellfish"), "egg": ("蛋", "egg"), "soy": ("大豆制品", "soy"),
            "dark_leafy_vegetable": ("深色叶菜", "dark leafy vegetable"),
            "other_vegetable": ("其他蔬菜", "other vegetable"), "mushroom": ("菌菇", "mushroom"),
            "tuber": ("薯类", "tuber"), "grain": ("谷物", "grain"), "milk": ("奶类", "milk"),
            "fruit": ("水果", "fruit"), "seaweed": ("藻类", "seaweed"),
        }


class GrainType(Labelled):
    COARSE = "coarse"
    WHOLE = "whole"
    FINE = "fine"

    @classmethod
    def _labels(cls) -> dict[str, tuple[str, str]]:
        return {"coarse": ("粗粮", "coarse grain"), "whole": ("全谷物", "whole grain"),
                "fine": ("细粮", "fine grain")}


class Method(Labelled):
    STIR_FRY = "stir_fry"
    STEAM = "steam"
    FRY = "fry"
    STEW = "stew"
    BRAISE = "braise"
    BOIL = "boil"
    COLD = "cold"
    BAKE = "bake"

    @classmethod
    def _labels(cls) -> dict[str, tuple[str, str]]:
        return {
            "stir_fry": ("炒", "stir-fried"), "steam": ("蒸", "steamed"), "fry": ("炸煎", "fried"),
            "stew": ("炖", "stewed"), "braise": ("烧焖", "braised"), "boil": ("煮", "boiled"),
            "cold": ("凉拌", "cold-dressed"), "bake": ("烤", "baked"),
        }


class Allergen(Labelled):
    PEANUT = "peanut"
    TREE_NUTS = "tree_nuts"
    SESAME = "sesame"
    SOY = "soy"
    GLUTEN = "gluten"
    EGG = "egg"
    MILK = "milk"
    FISH = "fish"
    SHELLFISH = "shellfish"
    CELERY = "celery"
    MUSTARD = "mustard"
    SULPHITES = "sulphites"

    @classmethod
    def _labels(cls) -> dict[str, tuple[str, str]]:
        return {
            "peanut": ("花生", "peanut"), "tree_nuts": ("坚果", "tree nuts"),
            "sesame": ("芝麻", "sesame"), "soy": ("大豆", "soy"), "gluten": ("麸质（小麦）", "gluten"),
            "egg": ("蛋", "egg"), "milk": ("奶", "milk"), "fish": ("鱼", "fish"),
            "shellfish": ("虾蟹贝", "shellfish"), "celery": ("芹菜", "celery"),
            "mustard": ("芥末", "mustard"), "sulphites": ("亚硫酸盐", "sulphites"),
        }


class Season(Labelled):
    SPRING = "spring"
    SUMMER = "summer"
    AUTUMN = "autumn"
    WINTER = "winter"

    @classmethod
    def _labels(cls) -> dict[str, tuple[str, str]]:
        return {"spring": ("春", "spring"), "summer": ("夏", "summer"),
                "autumn": ("秋", "autumn"), "winter": ("冬", "winter")}


WEEKDAYS = (("周一", "Monday"), ("周二", "Tuesday"), ("周三", "Wednesday"), ("周四", "Thursday"),
            ("周五", "Friday"), ("周六", "Saturday"), ("周日", "Sunday"))


def weekday_label(day: int, locale: str = ZH) -> str:
    """Return the name of weekday `day` (0 = Monday) in `locale`."""
    zh, en = WEEKDAYS[day % 7]
    return en if locale.startswith("en") else zh


ROLE_LABELS = {"egg_tofu": ("蛋豆类", "egg or tofu dish"),
               "vegetable_2": ("素菜", "vegetable dish")}  # the second vegetable of a two-vegetable set meal


def role_label(name: str, locale: str = ZH) -> str:
    """Label a template role by name (a category name unless listed in ROLE_LABELS)."""
    if name in ROLE_LABELS:
        zh, en = ROLE_LABELS[name]
        return en if locale.startswith("en") else zh
    try:
        return Category(name).label(locale)
    except ValueError:
        return name
