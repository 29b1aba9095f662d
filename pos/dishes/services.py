"""The dish catalog."""
from __future__ import annotations

from uuid import uuid4

from sqlalchemy import select
from sqlalchemy.orm import Session

from pos.audit import Actor
from pos.audit import record as audit
from pos.db import Database
from pos.dishes.models import Dish
from pos.errors import Conflict


def dish_json(dish: Dish) -> dict:
    return {"id": dish.id, "code": dish.code, "name": dish.name, "name_en": dish.name_en,
            "category": dish.category, "price_fen": dish.price_fen, "active": dish.active}


def list_dishes(session: Session) -> list[dict]:
    """Active dishes by category and name."""
    query = select(Dish).where(Dish.active).order_by(Dish.category, Dish.name)
    return [dish_json(d) for d in session.scalars(query)]


def add_dish(db: Database, code: str, name: str, name_en: str, category: str, price_fen: int, actor: Actor) -> dict:
    """Add a dish; the code defaults to a fresh one."""
    with db.unit_of_work() as session:
        if code and session.scalar(select(Dish.id).where(Dish.code == code)) is not None:
            raise Conflict("dish code %(dish)s is taken", code="dish_exists", dish=code)
        dish = Dish(code=code or f"new-{uuid4().hex}",  # numbered below, once the id is known
                    name=name.strip(), name_en=name_en.strip(), category=category.strip(), price_fen=price_fen)
        session.add(dish)
        session.flush()
        if not code:
            dish.code = f"D{dish.id:05d}"
        audit(session, actor, "dish.added", "dish", dish.id, after={"name": dish.name, "price_fen": dish.price_fen})
        return dish_json(dish)
