"""The planner's view of the dish catalog: dishes on sale with planning attributes, and their popularity."""
from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

import menu
from menu.catalog import dish_from_row
from pos.dishes.models import Dish
from pos.dishes.prices import prices_on
from pos.sales.models import Sale, SaleLine, SaleVoid

log = logging.getLogger(__name__)
SALES_WINDOW = timedelta(weeks=8)
SALES_WEIGHT = 0.5  # popularity = half the catalog's estimate, half this canteen's own sales


@dataclass(frozen=True)
class PlanningCatalog:
    """Dishes the planner may use, and the way back from a dish code to its row."""

    dishes: tuple[menu.Dish, ...]
    ids: dict[str, int]            # code -> dish id
    skipped: tuple[str, ...] = ()  # codes of active dishes without usable planning attributes

    def by_code(self) -> dict[str, menu.Dish]:
        """Dishes by code."""
        return {d.code: d for d in self.dishes}


def planning_dish(row: Dish, price_fen: int) -> menu.Dish:
    """A dish row as the planner sees it: attributes from the catalog CSV, names and category from the row."""
    attributes = {str(k): "" if v is None else str(v) for k, v in (row.attributes or {}).items()}
    attributes.update(code=row.code, name=row.name, category=row.category, price_fen=str(price_fen),
                      name_en=row.name_en or attributes.get("name_en") or row.name)
    return dish_from_row(attributes)


def load_catalog(session: Session, day: date, with_sales: bool = False) -> PlanningCatalog:
    """Every dish on sale with planning attributes, at its price on `day`; `with_sales`: popularity blended with
    the sales of the weeks before `day` (a Monday being planned)."""
    rows = list(session.scalars(select(Dish).where(Dish.active, Dish.is_delivery_fee.is_(False)).order_by(Dish.id)))
    prices = prices_on(session, day, [r.id for r in rows])
    # A dish first priced after `day` (added mid-week) is carried at its newest price: the planner does not price.
    prices = prices_on(session, date.max, [r.id for r in rows if r.id not in prices]) | prices
    dishes, ids, skipped = [], {}, []
    for row in rows:
        if not row.attributes or row.id not in prices:
            skipped.append(row.code)
            continue
        try:
            dishes.append(planning_dish(row, prices[row.id]))
        except (KeyError, ValueError) as exc:  # a hand-made row the planner cannot read
            log.warning("dish %s left out of planning: %s", row.code, exc)
            skipped.append(row.code)
            continue
        ids[row.code] = row.id
    if with_sales:
        dishes = with_sales_popularity(dishes, sales_counts(session, day - SALES_WINDOW, day))
    return PlanningCatalog(tuple(dishes), ids, tuple(skipped))


def sales_counts(session: Session, start: date, end: date) -> dict[str, int]:
    """Portions sold per dish code between `start` and `end` (exclusive), voided sales left out."""
    query = (select(Dish.code, func.sum(SaleLine.qty))
             .join(SaleLine, SaleLine.dish_id == Dish.id).join(Sale, Sale.id == SaleLine.sale_id)
             .outerjoin(SaleVoid, SaleVoid.sale_id == Sale.id)
             .where(Sale.business_date >= start, Sale.business_date < end, SaleVoid.id.is_(None))
             .group_by(Dish.code))
    return {code: int(qty) for code, qty in session.execute(query)}


def with_sales_popularity(dishes: list[menu.Dish], counts: dict[str, int]) -> list[menu.Dish]:
    """Blend each sold dish's popularity with its share of its category's best seller; unsold dishes keep theirs.

    Within a category, because the planner weighs a meat dish against other meat dishes, and a staple
    sells at every meal where a meat dish competes with many.
    """
    shares: dict[str, float] = {}
    for category in {d.category for d in dishes}:
        shares |= menu.popularity_from_sales({d.code: counts[d.code] for d in dishes
                                              if d.category == category and d.code in counts})
    return [replace(d, popularity=round((1 - SALES_WEIGHT) * d.popularity + SALES_WEIGHT * shares[d.code], 3))
            if d.code in shares else d for d in dishes]
