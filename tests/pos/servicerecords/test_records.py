"""Every meal served is one service record, written with its sale: who, where, when, how they were identified, their
categories and age band that day; a void marks it and keeps it."""
from __future__ import annotations

from sqlalchemy import func, select

from pos.sales.models import Sale
from pos.sales.services import void_by
from pos.servicerecords.models import ServiceRecord
from tests.support.selling import DAY, NEXT_DAY, a_day_of_sales, local


def records(database) -> list[tuple]:
    with database.reader() as session:
        return [(r.sale_id, r.resident_id, r.day, r.meal_period, r.channel, r.identified, r.categories, r.age_band,
                 r.terminal_id, r.staff_id, r.voided_at is not None)
                for r in session.scalars(select(ServiceRecord).order_by(ServiceRecord.id))]


def test_each_sale_writes_its_record_with_the_residents_categories_and_age_band(app, make, database):
    day = a_day_of_sales(app, make)
    one, two = day.tills
    s = [sale["sale_id"] for sale in day.sales]
    assert records(database) == [
        (s[0], day.aged, DAY, "lunch", "dine_in", "card", [], "70_79", one.terminal_id, one.cashier.id, False),
        (s[1], day.poor, DAY, "lunch", "dine_in", "card", ["dibao"], "70_79", two.terminal_id, two.cashier.id, False),
        (s[2], None, DAY, "lunch", "dine_in", "walk_in", [], None, one.terminal_id, one.cashier.id, False),
        (s[3], day.aged, DAY, "dinner", "dine_in", "card", [], "70_79", two.terminal_id, two.cashier.id, False),
        (s[4], day.aged, NEXT_DAY, "lunch", "dine_in", "card", [], "70_79", one.terminal_id, one.cashier.id, False)]


def test_a_void_marks_the_record_and_keeps_it(app, make, database):
    day = a_day_of_sales(app, make)
    manager = make.user(username="经理", role="manager")
    void_by(database, day.sales[1]["sale_id"], "wrong resident", manager, local(DAY, 12, 30))
    assert [voided for *_rest, voided in records(database)] == [False, True, False, False, False]
    with database.reader() as session:
        assert session.scalar(select(func.count()).select_from(ServiceRecord)) == session.scalar(
            select(func.count()).select_from(Sale))
