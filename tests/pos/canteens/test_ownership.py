"""What belongs to a canteen names it, and is unique within its canteen rather than the whole database."""
from __future__ import annotations

from datetime import date, datetime, timezone

import pytest
from sqlalchemy.exc import IntegrityError

from pos.auth.models import User
from pos.canteens.models import Canteen
from pos.dishes.models import Dish
from pos.menus.models import MenuWeek
from pos.shifts.models import Shift
from pos.statements.models import SubsidyClaim
from pos.terminals.models import Terminal

NOON = datetime(2026, 11, 30, 4, 0, tzinfo=timezone.utc)


def records(canteen_id: int | None = None) -> list:
    """One of each record a canteen owns, with the names two canteens may both use."""
    owner = {} if canteen_id is None else {"canteen_id": canteen_id}
    return [Dish(code="M01", name="红烧肉", **owner), Terminal(name="柜台1", token_hash=f"h{canteen_id}", **owner),
            MenuWeek(week="2026-W49", monday=date(2026, 11, 30), **owner),
            SubsidyClaim(funder="民政局", month="2026-11", issued_at=NOON, meals=0, claimed_fen=0, adjustment_fen=0,
                         **owner)]


def test_a_record_made_without_its_canteen_belongs_to_the_first(database, make):
    first = make.canteen().id
    with database.unit_of_work() as session:
        session.add(Canteen(code="north", name="北街食堂"))
        made = records()
        cashier = User(username="li", display_name="李", password_hash="x", role="cashier")
        session.add_all([*made, cashier])
        session.flush()
        session.add(Shift(cashier_id=cashier.id, opened_at=NOON, opening_float_fen=0))
        session.flush()
        assert {row.canteen_id for row in made} == {first}
        assert cashier.canteen_id == first
        assert session.query(Shift).one().canteen_id == first


def test_two_canteens_may_use_the_same_codes_and_names(database, make):
    make.canteen()
    with database.unit_of_work() as session:
        north = Canteen(code="north", name="北街食堂")
        session.add(north)
        session.flush()
        session.add_all(records(north.id))
        session.add_all(records())  # the first canteen's, with the same code, name, week and month


@pytest.mark.parametrize("kind", [Dish, Terminal, MenuWeek, SubsidyClaim])
def test_within_one_canteen_they_stay_unique(database, make, kind):
    make.canteen()
    with database.unit_of_work() as session:
        session.add_all(records())
    with pytest.raises(IntegrityError), database.unit_of_work() as session:
        [again] = [row for row in records() if isinstance(row, kind)]
        if isinstance(again, Terminal):
            again.token_hash = "another"
        session.add(again)
