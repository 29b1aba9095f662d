"""The kitchen's sheet for one meal (厨房备餐单): A4 portrait in large type, for the kitchen wall.

Meals by channel and texture need, portions per dish and texture, then the orders to watch (dietary needs,
allergens), those holding a dish with one of the resident's allergens first and in red.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime
from typing import Sequence

from reportlab.lib.colors import black, red

from .menu_poster import WEEKDAYS
from .pdfpage import Column, Output, PageWriter

DISH_SIZE, WATCH_SIZE = 22, 12


@dataclass(frozen=True)
class DishLine:
    """A dish and its portions per texture need, in the sheet's texture order."""

    name: str
    portions: tuple[int, ...]

    @property
    def total(self) -> int:
        return sum(self.portions)


@dataclass(frozen=True)
class WatchOrder:
    """An order to watch: whose, how it leaves the kitchen, their needs, and dishes holding their allergens."""

    resident: str
    channel: str
    diet: tuple[str, ...] = ()
    allergens: tuple[str, ...] = ()
    conflicts: tuple[str, ...] = ()


@dataclass(frozen=True)
class KitchenSheet:
    """One meal's counts as the kitchen reads them, every word already in Chinese."""

    canteen_name: str
    day: date
    meal: str  # 午餐
    textures: tuple[str, ...]  # column titles: 普通, 软食, 碎食
    meals_by_texture: tuple[int, ...]
    channels: tuple[tuple[str, int], ...]  # (堂食, 12), ...
    dishes: tuple[DishLine, ...]
    watch: tuple[WatchOrder, ...]
    printed_at: datetime

    @property
    def meals(self) -> int:
        return sum(self.meals_by_texture)


def write_kitchen_sheet_pdf(sheet: KitchenSheet, out: Output, font_path: str | os.PathLike[str] | None = None) -> int:
    """Write the kitchen sheet and return its page count."""
    title = f"厨房备餐单 {sheet.day.isoformat()} {sheet.meal}"
    page = PageWriter(out, title, font_path=font_path)
    page.text(f"{sheet.canteen_name} 厨房备餐单", 22, "center")
    page.text(f"{sheet.day.isoformat()} 周{WEEKDAYS[sheet.day.weekday()]} {sheet.meal} 共 {sheet.meals} 份餐", 18,
              "center")
    page.space(6)
    page.text("    ".join(f"{label} {n}" for label, n in sheet.channels), 18)
    page.text("    ".join(f"{label} {n}" for label, n in zip(sheet.textures, sheet.meals_by_texture)), 18)
    page.space(10)
    _dishes(page, sheet)
    page.space(14)
    _watch(page, sheet.watch)
    page.space(10)
    page.text(f"打印时间:{sheet.printed_at:%Y-%m-%d %H:%M}", 9)
    return page.save()


def _dishes(page: PageWriter, sheet: KitchenSheet) -> None:
    step = 70.0
    first = page.right - step * (1 + len(sheet.textures))
    titles = ("合计", *sheet.textures)
    columns = (Column("菜品", page.margin, first - page.margin - 8),
               *(Column(title, first + n * step, step - 6, "right") for n, title in enumerate(titles)))
    if not sheet.dishes:
        page.text("本餐没有订单。", DISH_SIZE)
        return
    rows = [(d.name, str(d.total), *map(str, d.portions)) for d in sheet.dishes]
    sums = [sum(d.portions[n] for d in sheet.dishes) for n in range(len(sheet.textures))]
    page.row(columns, [c.title for c in columns], DISH_SIZE)
    _rule(page, DISH_SIZE)
    for cells in rows:
        page.row(columns, cells, DISH_SIZE)
    _rule(page, DISH_SIZE)
    page.row(columns, ("合计", str(sum(sums)), *map(str, sums)), DISH_SIZE)


def _rule(page: PageWriter, size: float) -> None:
    """A line under large type, clear of the characters' descent."""
    page.space(size * 0.2)
    page.rule(1)


def _watch(page: PageWriter, orders: Sequence[WatchOrder]) -> None:
    page.text(f"需留意的订单({len(orders)})", 14)
    if not orders:
        return
    left = page.margin
    columns = (Column("居民", left, 70), Column("方式", left + 75, 40), Column("饮食", left + 120, 95),
               Column("过敏原", left + 220, 110), Column("含其过敏原的菜", left + 335, page.right - left - 335))
    header = [c.title for c in columns]
    page.row(columns, header, WATCH_SIZE)
    page.rule()
    for order in orders:
        if page.y - WATCH_SIZE * 1.5 < page.margin:
            page.new_page()
            page.row(columns, header, WATCH_SIZE)
            page.rule()
        page.canvas.setFillColor(red if order.conflicts else black)
        page.row(columns, (order.resident, order.channel, "、".join(order.diet) or "—",
                           "、".join(order.allergens) or "—", "、".join(order.conflicts) or "—"), WATCH_SIZE)
        page.canvas.setFillColor(black)

