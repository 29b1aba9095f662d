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


@dataclass(frozen=True)
class _Text:
    """One run of text placed in a cell: offset from the cell's top left, size, red or green or black."""

    text: str
    dx: float
    dy: float
    size: float
    colour: tuple[float, float, float]


BLACK, RED, GREEN = (0.0, 0.0, 0.0), (0.75, 0.0, 0.0), (0.0, 0.4, 0.0)


def _layout(font: str, dishes: tuple[Dish, ...], width: float, scale: float) -> tuple[list[_Text], float]:
    """Place a cell's dish names and labels, wrapping both to the width; returns the runs and the height."""
    name_size, label_size = 14 * scale, 9 * scale
    runs, y = [], 0.0
    for dish in dishes:
        for line in _wrap(dish.name, font, name_size, width):
            y += name_size + 2
            runs.append(_Text(line, 0, y, name_size, BLACK))
        x, line_open = 0.0, False
        for label in dish.labels:
            text = f"[{label}]"
            w = stringWidth(text, font, label_size)
            if not line_open or x + w > width:  # labels flow like words and never leave the cell
                y += label_size + 2
                x, line_open = 0.0, True
            runs.append(_Text(text, x, y, label_size, RED if label.startswith(ALLERGEN_PREFIX) else GREEN))
            x += w + 2
        y += 4 * scale
    return runs, y


def _fit(font: str, menu: WeeklyMenu, width: float, room: float) -> tuple[float, list[float]]:
    """The largest type scale (down to 60 %) at which every row fits, and each row's height."""
    for scale in (1.0, 0.9, 0.8, 0.7, 0.6):
        needed = [max((_layout(font, d.dishes.get(p, ()), width, scale)[1] for d in menu.days), default=0) + 6
                  for p in menu.periods]
        if sum(needed) <= room:
            spare = (room - sum(needed)) / len(needed)
            return scale, [n + spare for n in needed]
    return 0.6, [room / len(menu.periods)] * len(menu.periods)


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
    scale, row_heights = _fit(font, menu, col_w - 8, top - bottom - 24)
    row_tops = [top - 24 - sum(row_heights[:j]) for j in range(len(menu.periods) + 1)]
    c.setLineWidth(0.6)
    for i, day in enumerate(menu.days):
        x = margin + head_w + i * col_w
        c.setFillColorRGB(*BLACK)
        c.setFont(font, 14)
        c.drawCentredString(x + col_w / 2, top - 17, f"周{WEEKDAYS[day.day.weekday()]} {day.day:%m/%d}")
        for j, period in enumerate(menu.periods):
            for run in _layout(font, day.dishes.get(period, ()), col_w - 8, scale)[0]:
                c.setFont(font, run.size)
                c.setFillColorRGB(*run.colour)
                c.drawString(x + 4 + run.dx, row_tops[j] - run.dy, run.text)
    for j, period in enumerate(menu.periods):
        c.setFillColorRGB(*BLACK)
        c.setFont(font, 14)
        c.drawCentredString(margin + head_w / 2, (row_tops[j] + row_tops[j + 1]) / 2, period)
    c.setFillColorRGB(*BLACK)
    c.grid([margin, margin + head_w] + [margin + head_w + (i + 1) * col_w for i in range(len(menu.days))],
           [top] + row_tops)
    c.setFont(font, 9)
    c.drawString(margin, margin, menu.note or "标签:软烂=易咀嚼 低盐=少盐 红色“含…”=过敏原,请留意。")
    c.showPage()
    c.save()
