"""The upgrade that moves prices into dish_price: each price in force from the dish's first trace, nothing lost."""
from __future__ import annotations

from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

from alembic import command
from sqlalchemy import inspect, text

from pos import schema
from pos.db import make_engine

BEFORE = "e2a7c9d4f6b1"


def canteen_today() -> date:
    return datetime.now(timezone.utc).astimezone(ZoneInfo("Asia/Shanghai")).date()


def test_each_price_is_carried_over_from_the_dishs_first_trace(empty_database_url):
    engine = make_engine(empty_database_url)
    schema.upgrade(engine, BEFORE)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO dish (id, code, name, name_en, category, price_fen, is_delivery_fee, active, "
                          "attributes) VALUES (1, 'M01', '红烧肉', '', 'meat', 1200, false, true, :a1), "
                          "(2, 'V01', '清炒时蔬', '', 'vegetable', 500, false, true, '{}'), "
                          "(3, 'S01', '米饭', '', 'staple', 150, false, false, '{}')"),
                     {"a1": '{"kcal": "380", "price_fen": "1100"}'})
        conn.execute(text("INSERT INTO audit_entry (at, action, subject, subject_id, note) "
                          "VALUES ('2026-03-01 02:00:00', 'dish.added', 'dish', '1', '')"))
        conn.execute(text("INSERT INTO menu_week (id, week, monday, status, report) "
                          "VALUES (1, '2026-W23', '2026-06-01', 'draft', '{}')"))
        conn.execute(text("INSERT INTO menu_slot (week_id, day, meal_period, slot, dish_id, pinned) "
                          "VALUES (1, '2026-06-02', 'lunch', 'vegetable', 2, false), "
                          "(1, '2026-06-01', 'lunch', 'meat', 1, false)"))
    schema.upgrade(engine)
    with engine.connect() as conn:
        prices = [(dish, fen, str(day)[:10], who) for dish, fen, day, who in conn.execute(text(
            "SELECT dish_id, price_fen, effective_from, set_by FROM dish_price ORDER BY dish_id"))]
        assert prices == [(1, 1200, "2026-03-01", None), (2, 500, "2026-06-02", None),
                          (3, 150, canteen_today().isoformat(), None)]
        dishes = conn.execute(text("SELECT id, initials, attributes, active FROM dish ORDER BY id")).all()
        assert [(d.initials, bool(d.active)) for d in dishes] == [("hsr", True), ("qcss", True), ("mf", False)]
        assert "price_fen" not in str(dishes[0].attributes) and "380" in str(dishes[0].attributes)
        assert "price_fen" not in {c["name"] for c in inspect(conn).get_columns("dish")}
        if engine.dialect.name == "sqlite":
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
    engine.dispose()


def test_going_back_keeps_the_price_in_force_today(empty_database_url):
    engine = make_engine(empty_database_url)
    schema.upgrade(engine, "e3b8c1d4f6a7")  # this upgrade, before dishes belonged to a canteen
    today = canteen_today()
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO dish (id, code, name, name_en, category, is_delivery_fee, active, attributes, "
                          "initials) VALUES (1, 'M01', '红烧肉', '', 'meat', false, true, '{}', 'hsr')"))
        conn.execute(text("INSERT INTO dish_price (dish_id, price_fen, effective_from, set_at) VALUES "
                          "(1, 1200, '2026-01-01', '2026-01-01 00:00:00'), (1, 1300, :today, '2026-01-01 00:00:00'), "
                          "(1, 1500, '2999-01-01', '2026-01-01 00:00:00')"), {"today": today})
    command.downgrade(schema.alembic_config(engine), BEFORE)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT price_fen FROM dish")).scalar() == 1300
    engine.dispose()
