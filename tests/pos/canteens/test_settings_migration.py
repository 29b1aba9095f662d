"""The upgrade that gives the canteen its settings keeps the canteen and what it printed on."""
from __future__ import annotations

from alembic import command
from sqlalchemy import inspect, text

from pos import schema
from pos.db import make_engine

BEFORE, SETTINGS = "e3b8c1d4f6a7", "f4a1c7e2b9d3"


def test_an_existing_canteen_keeps_its_printer_and_gets_the_defaults(empty_database_url, monkeypatch):
    engine = make_engine(empty_database_url)
    schema.upgrade(engine, BEFORE)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO canteen (code, name, province, city, district, street, community, hours) "
                          "VALUES ('main', '新百汇社区便民餐厅', '', '', '', '', '', 'lunch=10:30-13:30')"))
    monkeypatch.setenv("CANTEEN_PRINTER", "tcp://192.168.1.50:9100")
    schema.upgrade(engine, SETTINGS)
    with engine.connect() as conn:
        row = conn.execute(text("SELECT name, hours, address, phone, receipt_footer, printer, public_base_url, "
                                "sale_needs_shift FROM canteen")).one()
    assert tuple(row) == ("新百汇社区便民餐厅", "lunch=10:30-13:30", "", "", "", "tcp://192.168.1.50:9100", "", True)
    command.downgrade(schema.alembic_config(engine), BEFORE)
    columns = {c["name"] for c in inspect(engine).get_columns("canteen")}
    assert not columns & {"address", "phone", "receipt_footer", "printer", "public_base_url", "sale_needs_shift"}
    with engine.connect() as conn:
        assert conn.execute(text("SELECT name FROM canteen")).scalar() == "新百汇社区便民餐厅"
    engine.dispose()


def test_without_canteen_printer_the_canteen_prints_nowhere(empty_database_url, monkeypatch):
    engine = make_engine(empty_database_url)
    schema.upgrade(engine, BEFORE)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO canteen (code, name, province, city, district, street, community, hours) "
                          "VALUES ('main', '食堂', '', '', '', '', '', 'lunch=10:30-13:30')"))
    monkeypatch.delenv("CANTEEN_PRINTER", raising=False)
    schema.upgrade(engine, SETTINGS)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT printer, sale_needs_shift FROM canteen")).one() == ("none", True)
    engine.dispose()
