"""A weekly menu poster: A4 landscape, days across, meal periods down, diet and allergen labels."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from typing import Mapping

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from .fonts import register_cjk_font
from .pdfpage import Output, canvas_target

WEEKDAYS = "一二三四五六日"
ALLERGEN_PREFIX = "含"  # labels like 含花生 are allergens and are printed in red


@dataclass(frozen=True)
class Dish:
    """A dish with its diet and allergen labels (软烂, 低盐, 含花生)."""

    name: str
    labels: tuple[str, ...] = ()


@dataclass(frozen=True)
class MenuDay:
    """One day's dishes by meal period."""

    day: date
    dishes: Mapping[str, tuple[Dish, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class WeeklyMenu:
    """A week of menus for the poster."""

    canteen_name: str
    periods: tuple[str, ...]  # row order, e.g. ("早餐", "午餐", "晚餐")
    days: tuple[MenuDay, ...]
    note: str = ""


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    lines, line = [], ""
    for ch in text:
        if line and stringWidth(line + ch, font, size) > width:
            lines.append(line)
            line = ""
        line += ch
    return lines + [line]


def _cell(c: Canvas, font: str, dishes: tuple[Dish, ...], x: float, top: float, width: float) -> None:
    y = top
    for dish in dishes:
        for line in _wrap(dish.name, font, 14, width):
            y -= 16
            c.setFont(font, 14)
            c.setFillColorRGB(0, 0, 0)
            c.drawString(x, y, line)
        if dish.labels:
            y -= 11
            c.setFont(font, 9)
            x_label = x
            for label in dish.labels:
                c.setFillColorRGB(0.75, 0, 0) if label.startswith(ALLERGEN_PREFIX) else c.setFillColorRGB(0, 0.4, 0)
                c.drawString(x_label, y, f"[{label}]")
                x_label += stringWidth(f"[{label}]", font, 9) + 2
        y -= 4


def write_menu_poster_pdf(menu: WeeklyMenu, out: Output, font_path: str | os.PathLike[str] | None = None) -> None:
    """Write the one-page weekly menu poster."""
    font = register_cjk_font(font_path)
    width, height = landscape(A4)
    c = Canvas(canvas_target(out), pagesize=(width, height), initialFontName=font, pageCompression=1)
    c.setTitle(f"{menu.canteen_name} 一周菜单")
    margin, head_w = 10 * mm, 16 * mm
    c.setFont(font, 22)
    first, last = menu.days[0].day, menu.days[-1].day
    c.drawCentredString(width / 2, height - margin - 20,
                        f"{menu.canteen_name} 一周菜单  {first:%m月%d日}-{last:%m月%d日}")
    top, bottom = height - margin - 34, margin + 14
    col_w = (width - 2 * margin - head_w) / len(menu.days)
    row_h = (top - bottom - 24) / len(menu.periods)
    c.setLineWidth(0.6)
    for i, day in enumerate(menu.days):
        x = margin + head_w + i * col_w
        c.setFillColorRGB(0, 0, 0)  # labels leave their colour behind
        c.setFont(font, 14)
        c.drawCentredString(x + col_w / 2, top - 17, f"周{WEEKDAYS[day.day.weekday()]} {day.day:%m/%d}")
        for j, period in enumerate(menu.periods):
            _cell(c, font, day.dishes.get(period, ()), x + 4, top - 24 - j * row_h, col_w - 8)
    for j, period in enumerate(menu.periods):
        c.setFillColorRGB(0, 0, 0)
        c.setFont(font, 14)
        c.drawCentredString(margin + head_w / 2, top - 24 - j * row_h - row_h / 2, period)
    c.setFillColorRGB(0, 0, 0)
    c.grid([margin, margin + head_w] + [margin + head_w + (i + 1) * col_w for i in range(len(menu.days))],
           [top, top - 24] + [top - 24 - (j + 1) * row_h for j in range(len(menu.periods))])
    c.setFont(font, 9)
    c.drawString(margin, margin, menu.note or "标签:软烂=易咀嚼 低盐=少盐 红色“含…”=过敏原,请留意。")
    c.showPage()
    c.save()
