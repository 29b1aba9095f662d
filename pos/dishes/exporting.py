"""The whole catalog as a CSV or XLSX file, at the prices of a day, in the columns the import reads."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from pos.dishes.details import dish_in_of
from pos.dishes.models import Dish
from pos.dishes.prices import prices_on
from pos.dishes.sheet import ExportRow, write_csv, write_xlsx

FORMATS = {"csv": ("text/csv; charset=utf-8", write_csv),
           "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", write_xlsx)}


def export_catalog(session: Session, day: date, kind: str, locale: str) -> tuple[bytes, str]:
    """Every dish, on sale or not, by code, at its price on `day`: the file's bytes and its media type."""
    media_type, write = FORMATS[kind]
    dishes = list(session.scalars(select(Dish).order_by(Dish.code)))
    prices = prices_on(session, day)
    rows = [ExportRow(dish_in_of(d), prices.get(d.id), d.active) for d in dishes]
    return write(rows, locale), media_type
