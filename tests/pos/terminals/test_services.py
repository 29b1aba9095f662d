"""Terminals: registered with a token shown once, renamed, revoked (the token refused at once), listed."""
import pytest
from sqlalchemy import select

from pos.audit import Actor, history
from pos.errors import Conflict, InvalidInput, NotFound
from pos.terminals.models import Terminal
from pos.terminals.services import (
    hash_token,
    list_terminals,
    register_terminal,
    rename_terminal,
    revoke_terminal,
    terminal_for_token,
)

ADMIN = Actor(staff_id=None)


def test_a_registered_terminal_keeps_only_its_tokens_hash(database):
    terminal, token = register_terminal(database, "  Counter 2  ", ADMIN)
    with database.unit_of_work() as session:
        stored = session.get(Terminal, terminal.id)
        assert (stored.name, stored.active, stored.token_hash) == ("Counter 2", True, hash_token(token))
        assert terminal_for_token(session, token).id == terminal.id
        (row,) = history(session, "terminal", terminal.id)
    assert (row.action, row.after) == ("terminal.added", {"name": "Counter 2"})
    assert len(token) >= 43 and token not in str(row.after)


@pytest.mark.parametrize(("name", "message"), [
    ("", "is required"), ("   ", "is required"), ("台" * 61, "must be text of at most %(n)s characters"),
    ("Counter\x072", "must not contain control characters"),
])
def test_a_bad_name_is_refused_and_nothing_stored(database, name, message):
    with pytest.raises(InvalidInput) as refused:
        register_terminal(database, name, ADMIN)
    assert (refused.value.field, refused.value.message) == ("name", message)
    with database.unit_of_work() as session:
        assert session.scalars(select(Terminal)).all() == []


def test_a_renamed_terminal_keeps_its_token(database, make):
    admin = Actor(staff_id=make.user(role="admin").id)
    terminal, token = register_terminal(database, "Counter 2", admin)
    register_terminal(database, "Counter 3", admin)
    assert rename_terminal(database, terminal.id, "Counter by the door", admin).name == "Counter by the door"
    rename_terminal(database, terminal.id, "Counter by the door", admin)  # unchanged: no row
    with pytest.raises(Conflict) as taken:
        rename_terminal(database, terminal.id, "Counter 3", admin)
    assert (taken.value.code, taken.value.params) == ("terminal_exists", {"name": "Counter 3"})
    with database.unit_of_work() as session:
        assert terminal_for_token(session, token).name == "Counter by the door"
        rows = [(r.action, r.staff_id, r.before, r.after) for r in history(session, "terminal", terminal.id)]
    assert rows[1:] == [("terminal.renamed", admin.staff_id, {"name": "Counter 2"}, {"name": "Counter by the door"})]


def test_a_revoked_token_is_refused_at_once_and_for_good(database, make):
    admin = Actor(staff_id=make.user(role="admin").id)
    terminal, token = register_terminal(database, "Counter 2", admin)
    revoke_terminal(database, terminal.id, admin)
    with database.unit_of_work() as session:
        assert terminal_for_token(session, token) is None
        row = history(session, "terminal", terminal.id)[-1]
    assert (row.action, row.staff_id, row.before, row.after) == ("terminal.revoked", admin.staff_id,
                                                                 {"active": True}, {"active": False})
    with pytest.raises(Conflict) as again:
        revoke_terminal(database, terminal.id, admin)
    assert again.value.code == "terminal_revoked"
    with pytest.raises(NotFound):
        revoke_terminal(database, 10**6, admin)


def test_the_list_is_paged_in_use_first(database):
    ids = {name: register_terminal(database, name, ADMIN)[0].id for name in ("C", "A", "B")}
    revoke_terminal(database, ids["A"], ADMIN)
    with database.reader() as session:
        first, second = list_terminals(session, 1, per_page=2), list_terminals(session, 2, per_page=2)
    assert [t.name for t in first.rows + second.rows] == ["B", "C", "A"]
    assert (first.pages, first.total) == (2, 3)
