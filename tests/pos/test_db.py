"""The unit of work: one per thread at a time, and a clear refusal instead of waiting forever."""
from __future__ import annotations

import threading

import pytest

from pos import db
from pos.db import DatabaseBusy, NestedUnitOfWork


def test_a_nested_unit_of_work_is_refused_instead_of_waiting_on_itself(database):
    with database.unit_of_work():
        with pytest.raises(NestedUnitOfWork):
            with database.unit_of_work():
                pass
    with database.unit_of_work():  # the outer one ended cleanly
        pass


def test_a_write_that_waits_too_long_for_its_turn_is_refused(database, monkeypatch):
    if not database.is_sqlite:
        pytest.skip("PostgreSQL writers wait on rows, not on one lock per database")
    monkeypatch.setattr(db, "WRITE_WAIT_SECONDS", 0.1)
    held, done = threading.Event(), threading.Event()

    def hold_the_turn():
        with database.unit_of_work():
            held.set()
            done.wait(5)

    holder = threading.Thread(target=hold_the_turn)
    holder.start()
    held.wait(5)
    try:
        with pytest.raises(DatabaseBusy):
            with database.unit_of_work():
                pass
    finally:
        done.set()
        holder.join(5)


def test_a_request_gives_its_read_connection_back_before_it_writes(app, database):
    with app.test_request_context():
        reader = db.read_session()
        reader.connection()
        assert database.engine.pool.checkedout() == 1
        with db.unit_of_work() as session:
            session.connection()
            assert database.engine.pool.checkedout() == 1
        assert database.engine.pool.checkedout() == 0
