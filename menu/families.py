"""Families of hard rules, which the planner can relax one at a time to explain infeasibility."""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .rules import CountRule


class Family(StrEnum):
    NO_REPEAT = "no_repeat"
    MAIN_INGREDIENT = "main_ingredient"
    PROTEIN_VEGETABLE = "protein_vegetable"
    SOFT_PROTEIN = "soft_protein"
    COARSE_STAPLE = "coarse_staple"
    DARK_LEAFY = "dark_leafy"
    LOW_SALT = "low_salt"
    COST = "cost"
    KITCHEN = "kitchen"
    ROTATION = "rotation"
    PINS = "pins"

    def label(self, locale: str = "zh_CN") -> str:
        """The rule family in the manager's words."""
        zh, en = _LABELS[self.value]
        return en if locale.startswith("en") else zh


_LABELS = {
    "no_repeat": ("一周不重样", "no dish twice a week"),
    "main_ingredient": ("同一餐主料不重复", "no two dishes of one main ingredient in a meal"),
    "protein_vegetable": ("每餐有荤有素", "meat and vegetables at every meal"),
    "soft_protein": ("每餐有软烂荤菜", "a soft meat dish at every meal"),
    "coarse_staple": ("粗杂粮主食", "coarse-grain staples"),
    "dark_leafy": ("每天有深色叶菜", "a dark leafy vegetable every day"),
    "low_salt": ("每餐有少盐菜", "a low-salt dish at every meal"),
    "cost": ("食材成本预算", "the food cost budget"),
    "kitchen": ("厨房炒锅和备菜能力", "kitchen wok and prep capacity"),
    "rotation": ("与前几周同一天不重复", "not the same dish on the same weekday as recent weeks"),
    "pins": ("固定的菜品", "the pinned dishes"),
}


@dataclass(frozen=True)
class CountFamily:
    """One weekly count rule as a relaxable family."""

    rule: CountRule

    def label(self, locale: str = "zh_CN") -> str:
        """E.g. 每周鱼菜品次数（至少2次） / weekly count of fish dishes (at least 2)."""
        bounds = []
        en = locale.startswith("en")
        if self.rule.minimum is not None:
            bounds.append(f"at least {self.rule.minimum}" if en else f"至少{self.rule.minimum}次")
        if self.rule.maximum is not None:
            bounds.append(f"at most {self.rule.maximum}" if en else f"最多{self.rule.maximum}次")
        text = self.rule.label(locale)
        return f"weekly count of {text} ({', '.join(bounds)})" if en else f"每周{text}次数（{'，'.join(bounds)}）"


RuleFamily = Family | CountFamily
