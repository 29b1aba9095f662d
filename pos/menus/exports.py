"""A week's menu for readers outside the manager's page: the printed poster and the public feeds."""
from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

import menu
from menu.labels import role_label
from pos.dishes.models import Dish
from pos.dishes.prices import prices_on
from pos.menus import stored
from pos.menus.catalog import load_catalog
from pos.menus.models import MenuWeek
from pos.menus.view import Label, dish_labels
from pos.menus.weeks import days_of, week_of
from receipts.menu_poster import Dish as PosterDish
from receipts.menu_poster import MenuDay, WeeklyMenu, write_menu_poster_pdf
from vocabulary import MealPeriod

POSTER_FLAGS = ("soft", "low_salt", "spicy")  # a poster cell holds few labels; the page shows them all
POSTER_NOTE = "标签：软烂＝易咀嚼　少盐＝盐少些　辣味＝有辣　红色“含…”＝含过敏原，请留意。"


@dataclass(frozen=True)
class Served:
    """One dish on one day and meal period."""

    day: date
    period: MealPeriod
    slot: str
    dish: Dish
    planned: menu.Dish | None  # the planner's record (labels), None for a dish without attributes
    price_fen: int | None = None  # in force on the day; None for a dish not priced yet then

    def labels(self, locale: str, flags: tuple[str, ...] | None = None) -> list[Label]:
        """Diet and allergen labels."""
        return dish_labels(self.planned, locale, *(() if flags is None else (flags,)))


def served(session: Session, week: MenuWeek) -> list[Served]:
    """The week's dishes by day, meal period and serving order."""
    dishes = load_catalog(session, week.monday).by_code()
    slots = stored.slot_rows(session, week)
    days = {s.day for s, _ in slots}
    prices = {day: prices_on(session, day, {d.id for s, d in slots if s.day == day}) for day in days}
    rows = [Served(s.day, MealPeriod(s.meal_period), s.slot, d, dishes.get(d.code), prices[s.day].get(d.id))
            for s, d in slots]
    periods = list(MealPeriod)
    return sorted(rows, key=lambda r: (r.day, periods.index(r.period), menu.serving_rank(r.period, r.slot)))


def poster_pdf(session: Session, week: MenuWeek, canteen_name: str, font_path: str | None = None) -> bytes:
    """The A4 poster of a week's menu in Chinese, with diet and allergen labels (font embedded)."""
    rows = served(session, week)
    periods = stored.week_periods(session, week) or tuple(MealPeriod)
    days = []
    for day in days_of(week.week):
        dishes = {p.label("zh_CN"): tuple(PosterDish(r.dish.name, poster_labels(r)) for r in rows
                                          if r.day == day and r.period == p) for p in periods}
        days.append(MenuDay(day, dishes))
    buffer = io.BytesIO()
    write_menu_poster_pdf(WeeklyMenu(canteen_name, tuple(p.label("zh_CN") for p in periods), tuple(days),
                                     POSTER_NOTE), buffer, font_path)
    return buffer.getvalue()


def poster_labels(row: Served) -> tuple[str, ...]:
    """Diet labels, then the allergens in one label (含大豆、麸质): a poster cell is narrow."""
    labels = row.labels("zh_CN", POSTER_FLAGS)
    allergens = [label.text.removeprefix("含") for label in labels if label.allergen]
    diet = [label.text for label in labels if not label.allergen]
    return (*diet, "含" + "、".join(allergens)) if allergens else tuple(diet)


def feed_weeks(session: Session, today: date, week: str | None = None) -> list[MenuWeek]:
    """Published weeks from this one on (or just `week` when it is published)."""
    query = select(MenuWeek).where(MenuWeek.status == "published").order_by(MenuWeek.monday)
    if week is not None:
        query = query.where(MenuWeek.week == week)
    else:
        query = query.where(MenuWeek.week >= week_of(today))
    return list(session.scalars(query))


def dish_json(row: Served, locale: str) -> dict:
    """One served dish for the JSON feed and the counter."""
    labels = row.labels(locale)
    return {"id": row.dish.id, "code": row.dish.code, "name": row.dish.name, "name_en": row.dish.name_en,
            "slot": row.slot, "slot_label": role_label(row.slot, locale), "category": row.dish.category,
            "price_fen": row.price_fen,
            "labels": [label.text for label in labels if not label.allergen],
            "allergens": sorted(a.value for a in row.planned.allergens) if row.planned else [],
            "allergen_labels": [label.text for label in labels if label.allergen]}


def feed_json(session: Session, weeks: list[MenuWeek], canteen_name: str, locale: str) -> dict:
    """The public JSON feed: each published day with its meal periods and dishes."""
    weeks_out: list[dict] = []
    out = {"canteen": canteen_name, "currency": "CNY", "weeks": weeks_out}
    for week in weeks:
        rows, days = served(session, week), []
        for day in sorted({r.day for r in rows}):
            meals = [{"meal_period": p.value, "label": p.label(locale),
                      "dishes": [dish_json(r, locale) for r in rows if r.day == day and r.period == p]}
                     for p in MealPeriod]
            days.append({"date": day.isoformat(), "meals": [m for m in meals if m["dishes"]]})
        weeks_out.append({"week": week.week,
                          "published_at": week.published_at.isoformat() if week.published_at else None,
                          "days": days})
    return out
