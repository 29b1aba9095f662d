"""Prices over time: the price in force on a day, a change from a later day, history, refusals. Days are passed in."""
from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from pos.audit import Actor, AuditEntry, history
from pos.canteens.services import main_canteen
from pos.dishes.models import DishPrice
from pos.dishes.prices import change_price, next_prices, price_history, price_on, prices_on
from pos.errors import InvalidInput
from pos.sales.orders import read_order
from pos.sales.quoting import quote_order
from pos.sales.settle import record_sale

ZONE = ZoneInfo("Asia/Shanghai")
TODAY, TOMORROW = date(2026, 12, 1), date(2026, 12, 2)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """A moment on the canteen's clock."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZONE)


def walk_in_quote(database, dish_id: int, now: datetime) -> int:
    """The total of a walk-in's order of one portion, quoted at `now`."""
    order = read_order({"credential": {"walk_in": True}, "meal_period": "lunch", "items": [{"dish_id": dish_id,
                                                                                            "qty": 1}]})
    with database.unit_of_work() as session:
        return quote_order(session, order, main_canteen(session), "Asia/Shanghai", None, now).total_fen


@pytest.fixture
def manager(make) -> Actor:
    return Actor(staff_id=make.user("wang", role="manager").id)


def test_a_price_from_tomorrow_leaves_today_at_the_old_price(database, make, manager):
    make.canteen()
    dish = make.dish("红烧肉", 1200)
    change = change_price(database, dish, 1500, TOMORROW, today=TODAY, actor=manager)
    assert (change.before_fen, change.price_fen, change.effective_from) == (1200, 1500, TOMORROW)
    assert walk_in_quote(database, dish, at(TODAY, 11, 30)) == 1200
    assert walk_in_quote(database, dish, at(TODAY, 23, 59)) == 1200
    assert walk_in_quote(database, dish, at(TOMORROW, 0, 0)) == 1500
    assert walk_in_quote(database, dish, at(TOMORROW, 11, 30)) == 1500


def test_the_day_is_the_canteens_not_utcs(database, make, manager):
    make.canteen()
    dish = make.dish("红烧肉", 1200)
    change_price(database, dish, 1500, TOMORROW, today=TODAY, actor=manager)
    # 23:30 UTC on the 1st is 07:30 on the 2nd in Shanghai: tomorrow's price.
    assert walk_in_quote(database, dish, datetime(2026, 12, 1, 23, 30, tzinfo=ZoneInfo("UTC"))) == 1500
    assert walk_in_quote(database, dish, datetime(2026, 12, 1, 15, 59, tzinfo=ZoneInfo("UTC"))) == 1200


def test_a_sale_keeps_the_price_it_was_sold_at(database, make, manager):
    make.canteen()
    dish = make.dish("红烧肉", 1200)
    order = read_order({"credential": {"walk_in": True}, "meal_period": "lunch", "items": [{"dish_id": dish, "qty": 2}],
                        "payment_method": "cash"})
    with database.unit_of_work() as session:
        quote = quote_order(session, order, main_canteen(session), "Asia/Shanghai", None, at(TODAY, 11))
        sale = record_sale(session, quote, main_canteen(session), None, None, "cash")
        sold = [(line.unit_price_fen, line.amount_fen) for line in sale.lines]
    change_price(database, dish, 1500, TODAY, today=TODAY, actor=manager)  # from now on, today
    assert sold == [(1200, 2400)]
    assert walk_in_quote(database, dish, at(TODAY, 12)) == 1500


def test_a_day_already_past_is_refused_and_nothing_is_written(database, make, manager):
    dish = make.dish("红烧肉", 1200)
    with pytest.raises(InvalidInput) as refused:
        change_price(database, dish, 1500, date(2026, 11, 30), today=TODAY, actor=manager)
    assert refused.value.field == "effective_from"
    assert str(refused.value) == ("2026-11-30 has begun or passed: sales settled on it would be re-priced. "
                                  "Choose today, 2026-12-01, or a later day")
    with database.unit_of_work() as session:
        assert session.scalar(select(func.count()).select_from(DishPrice)) == 1
        assert session.scalar(select(func.count()).select_from(AuditEntry)
                              .where(AuditEntry.action == "dish.price_changed")) == 0
        assert price_on(session, dish, TODAY) == 1200


@pytest.mark.parametrize("fen", [-1, 1_000_001])
def test_a_price_out_of_range_is_refused(database, make, manager, fen):
    dish = make.dish("红烧肉", 1200)
    with pytest.raises(InvalidInput) as refused:
        change_price(database, dish, fen, TOMORROW, today=TODAY, actor=manager)
    assert (refused.value.field, str(refused.value)) == ("price", "must be an amount in yuan from 0 to 10000")


def test_the_same_price_again_is_refused(database, make, manager):
    dish = make.dish("红烧肉", 1200)
    with pytest.raises(InvalidInput) as refused:
        change_price(database, dish, 1200, TOMORROW, today=TODAY, actor=manager)
    assert (refused.value.field, str(refused.value)) == ("price", "is already the price on that day")


def test_a_change_is_audited_with_before_after_and_its_day(database, make, manager):
    dish = make.dish("红烧肉", 1200)
    change_price(database, dish, 1500, TOMORROW, today=TODAY, actor=manager)
    with database.unit_of_work() as session:
        [entry] = history(session, "dish", dish)
        assert (entry.action, entry.staff_id, entry.before, entry.after) == (
            "dish.price_changed", manager.staff_id, {"price_fen": 1200},
            {"price_fen": 1500, "effective_from": "2026-12-02"})


def test_history_keeps_every_price_and_says_where_each_stands(database, make, manager):
    dish = make.dish("红烧肉", 1200, since=date(2026, 1, 1))
    change_price(database, dish, 1300, TODAY, today=TODAY, actor=manager)
    change_price(database, dish, 1500, date(2026, 12, 7), today=TODAY, actor=manager)
    change_price(database, dish, 1400, date(2026, 12, 7), today=TODAY, actor=manager)  # thought better of it
    with database.unit_of_work() as session:
        rows = [(r.effective_from, r.price_fen, r.state, r.set_by) for r in price_history(session, dish, TODAY)]
        assert rows == [(date(2026, 12, 7), 1400, "scheduled", "wang"), (date(2026, 12, 7), 1500, "replaced", "wang"),
                        (TODAY, 1300, "in_force", "wang"), (date(2026, 1, 1), 1200, "ended", "")]
        assert prices_on(session, date(2026, 12, 6), [dish]) == {dish: 1300}
        assert prices_on(session, date(2026, 12, 7), [dish]) == {dish: 1400}  # the one set last
        assert prices_on(session, date(2025, 12, 31), [dish]) == {}  # before the dish was priced
        assert next_prices(session, TODAY, [dish]) == {dish: (date(2026, 12, 7), 1400)}
        assert next_prices(session, date(2026, 12, 7), [dish]) == {}


def test_an_unpriced_day_cannot_be_sold(database, make):
    make.canteen()
    dish = make.dish("红烧肉", 1200, since=TOMORROW)
    with pytest.raises(InvalidInput) as refused:
        walk_in_quote(database, dish, at(TODAY, 11))
    assert refused.value.field == "items[0].dish_id"
    assert walk_in_quote(database, dish, at(TOMORROW, 11)) == 1200
