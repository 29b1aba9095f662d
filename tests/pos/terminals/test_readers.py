"""Each terminal names its card reader: one reader to one counter in use, "*" only for a counter alone with
readers, the change audited and announced so open screens follow it; the upgrade keeps a one-counter canteen."""
import re

import pytest
from alembic import command
from sqlalchemy import select, text

from pos import schema
from pos.audit import Actor, history
from pos.db import make_engine
from pos.errors import Conflict, InvalidInput
from pos.terminals.models import Terminal
from pos.terminals.services import name_reader, reader_changed, register_terminal, revoke_terminal

ADMIN = Actor(staff_id=None)
DOOR, WINDOW = "ACS ACR122U PICC Interface 00 00", "ACS ACR122U PICC Interface 01 00"


def reader_of(database, terminal_id: int) -> str:
    with database.unit_of_work() as session:
        return session.get(Terminal, terminal_id).reader_name


def test_a_terminal_names_its_reader_audited_and_announced(database):
    door = register_terminal(database, "Door", ADMIN)[0].id
    announced: list[int] = []

    def heard(terminal_id):
        announced.append(terminal_id)

    reader_changed.connect(heard)
    try:
        assert name_reader(database, door, f"  {DOOR} ", ADMIN).reader_name == DOOR
        name_reader(database, door, DOOR, ADMIN)  # unchanged: nothing audited, nothing announced
        name_reader(database, door, "", ADMIN)
    finally:
        reader_changed.disconnect(heard)
    assert announced == [door, door]
    with database.unit_of_work() as session:
        rows = [(r.action, r.before, r.after) for r in history(session, "terminal", door)][1:]
    assert rows == [("terminal.reader_named", {"reader_name": ""}, {"reader_name": DOOR}),
                    ("terminal.reader_named", {"reader_name": DOOR}, {"reader_name": ""})]


def test_one_reader_belongs_to_one_counter_in_use(database):
    door = register_terminal(database, "Door", ADMIN)[0].id
    window = register_terminal(database, "Window", ADMIN)[0].id
    name_reader(database, door, DOOR, ADMIN)
    with pytest.raises(Conflict) as taken:
        name_reader(database, window, DOOR, ADMIN)
    assert (taken.value.code, taken.value.field, taken.value.params) == (
        "reader_taken", "reader_name", {"reader": DOOR, "name": "Door"})
    with pytest.raises(Conflict) as every:
        name_reader(database, window, "*", ADMIN)
    assert every.value.params == {"name": "Door"}
    name_reader(database, window, WINDOW, ADMIN)
    revoke_terminal(database, door, ADMIN)  # a revoked counter's reader is free again
    name_reader(database, window, DOOR, ADMIN)
    assert (reader_of(database, door), reader_of(database, window)) == (DOOR, DOOR)
    with pytest.raises(Conflict) as revoked:
        name_reader(database, door, WINDOW, ADMIN)
    assert revoked.value.code == "terminal_revoked"


def test_every_reader_is_for_a_counter_alone(database):
    alone = register_terminal(database, "Alone", ADMIN)[0].id
    second = register_terminal(database, "Second", ADMIN)[0].id
    name_reader(database, alone, "*", ADMIN)  # the other counter has no reader: nothing crosses
    with pytest.raises(Conflict) as taken:
        name_reader(database, second, WINDOW, ADMIN)
    assert (taken.value.message, taken.value.params) == (
        "terminal %(name)s takes every card reader; name its own reader first", {"name": "Alone"})
    name_reader(database, alone, DOOR, ADMIN)
    name_reader(database, second, WINDOW, ADMIN)


@pytest.mark.parametrize(("reader", "message"), [
    ("x" * 129, "must be text of at most %(n)s characters"), ("Virtual PCD\n00 00", "must not contain control characters"),
])
def test_a_bad_reader_name_is_refused_and_nothing_stored(database, reader, message):
    door = register_terminal(database, "Door", ADMIN)[0].id
    with pytest.raises(InvalidInput) as refused:
        name_reader(database, door, reader, ADMIN)
    assert (refused.value.field, refused.value.message) == ("reader_name", message)
    assert reader_of(database, door) == ""


BEFORE, READERS = "e2a7c9d41f60", "c5d2e8a4b7f3"


def upgraded(url: str, terminals: list[tuple[str, bool]]) -> list[tuple[str, str]]:
    """The terminals' reader names after the upgrade, from terminals (name, active) made before it."""
    engine = make_engine(url)
    schema.upgrade(engine, BEFORE)
    with engine.begin() as conn:
        for number, (name, active) in enumerate(terminals):
            conn.execute(text("INSERT INTO terminal (name, token_hash, active) VALUES (:name, :hash, :active)"),
                         {"name": name, "hash": f"{number:064d}", "active": active})
    schema.upgrade(engine, READERS)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT name, reader_name FROM terminal ORDER BY name")).all()
    command.downgrade(schema.alembic_config(engine), BEFORE)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM terminal")).scalar() == len(terminals)
    engine.dispose()
    return [tuple(row) for row in rows]


def test_the_upgrade_keeps_a_one_counter_canteen_taking_its_taps(empty_database_url):
    assert upgraded(empty_database_url, [("Counter 1", True), ("Old", False)]) == [("Counter 1", "*"), ("Old", "")]


def test_the_upgrade_leaves_two_counters_to_an_admin(empty_database_url):
    assert upgraded(empty_database_url, [("Door", True), ("Window", True)]) == [("Door", ""), ("Window", "")]


def test_the_command_line_registers_a_counter_with_its_reader(runner, database):
    added = runner.invoke(args=["terminals", "add", "Door", "--reader", "Virtual PCD 00 00"])
    assert added.exit_code == 0, added.output
    assert re.match(r"terminal Door \(id \d+, card reader Virtual PCD 00 00\)\ntoken: ", added.output)
    taken = runner.invoke(args=["terminals", "add", "Window", "--reader", "Virtual PCD 00 00"])
    assert taken.exit_code == 1
    assert "读卡器 Virtual PCD 00 00 已属于终端 Door" in taken.output
    plain = runner.invoke(args=["terminals", "add", "Office"])
    assert re.match(r"terminal Office \(id \d+, no card reader\)\n", plain.output)
    with database.unit_of_work() as session:
        assert session.execute(select(Terminal.name, Terminal.reader_name).order_by(Terminal.id)).all() == [
            ("Door", "Virtual PCD 00 00"), ("Office", "")]
