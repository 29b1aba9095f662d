"""The search keys: pinyin initials and last fours, kept in step with the name and numbers, and filled by the migration."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text

from pos import schema
from pos.db import make_engine
from pos.residents.id_number import make_id_number
from pos.residents.models import Resident
from pos.residents.records import ResidentIn, register_resident, update_resident
from pos.residents.search_keys import last_four, name_initials

ID_NUMBER = "14100219480101000X"


@pytest.mark.parametrize(("name", "initials"), [
    ("张桂兰", "zgl"), ("李福贵", "lfg"), ("曾国藩", "zgf"), ("单田芳", "stf"), ("Li Ming", "lm"),
    ("阿依古丽·买买提", "ayglmmt"), ("　王秀英 ", "wxy"), ("", "")])
def test_initials_are_the_first_letter_of_each_syllable(name, initials):
    assert name_initials(name) == initials


@pytest.mark.parametrize(("number", "four"), [
    ("13912345678", "5678"), ("14100219480101000x", "000X"), ("１３９ １２３４", "1234"), ("123", ""), ("", "")])
def test_last_four_as_typed(number, four):
    assert last_four(number) == four


def test_registering_and_changing_keep_the_keys_in_step(database):
    with database.unit_of_work() as session:
        resident = register_resident(session, ResidentIn(name="张桂兰", id_number=ID_NUMBER, phone="13912345678"))
        assert (resident.name_initials, resident.id_last4, resident.phone_last4) == ("zgl", "000X", "5678")
        update_resident(session, resident, ResidentIn(name="曾桂兰", id_number=ID_NUMBER, phone="13800001111"))
    with database.reader() as session:
        stored = session.get(Resident, resident.id)
        assert (stored.name_initials, stored.id_last4, stored.phone_last4) == ("zgl", "000X", "1111")


def test_a_bulk_insert_computes_the_keys_too(database):
    with database.engine.execution_options(canteen_write=True).begin() as conn:
        conn.execute(Resident.__table__.insert(), [
            {"name": "李福贵", "id_number": make_id_number("141002", date(1948, 11, 2), 2),
             "birth_date": date(1948, 11, 2), "sex": "F", "phone": "13912340000"}])
    with database.reader() as session:
        stored = session.query(Resident).one()
        assert (stored.name_initials, stored.id_last4, stored.phone_last4) == ("lfg", stored.id_number[-4:], "0000")


def test_the_migration_fills_the_keys_of_residents_already_registered(empty_database_url):
    engine = make_engine(empty_database_url)
    schema.upgrade(engine, "f4a1c7e2b9d3")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO resident (id, name, id_number, birth_date, sex, phone, address, province, city, "
                          "district, street, community, status, qr_last_step, qr_static_issue, created_at) VALUES "
                          f"(1, '张桂兰', '{ID_NUMBER}', '1948-01-01', 'M', '13912345678', '', '', '', '', '', '', "
                          "'active', 0, 1, CURRENT_TIMESTAMP)"))
    schema.upgrade(engine)
    with engine.connect() as conn:
        row = conn.execute(text("SELECT name_initials, id_last4, phone_last4, emergency_name, diet FROM resident")).one()
    engine.dispose()
    assert tuple(row[:4]) == ("zgl", "000X", "5678", "")
    assert row[4] in ("[]", [])
