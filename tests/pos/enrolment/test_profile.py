"""A resident's profile: masked by default; whole for an admin, and that view is in the audit log."""
from __future__ import annotations

from datetime import date

import pytest

from pos.audit import Actor, history
from pos.enrolment.profile import VIEWED_IN_FULL, resident_profile, show_in_full
from pos.errors import NotFound
from pos.residents.records import ResidentIn, register_resident
from pos.terminals.services import add_terminal
from tests.factories import HOME

ID_NUMBER = "14100219480101000X"
TODAY = date(2026, 11, 30)


def register(database) -> int:
    with database.unit_of_work() as session:
        return register_resident(session, ResidentIn(name="王淑珍", id_number=ID_NUMBER, phone="13912345678",
                                                     address="解放路12号", area=HOME)).id


def test_the_profile_is_masked_unless_asked_in_full(database):
    resident = register(database)
    with database.unit_of_work() as session:
        shown = resident_profile(session, resident, TODAY)
    assert (shown["id_number"], shown["phone"]) == ("**************000X", "*******5678")
    assert (shown["birth_date"], shown["address"], shown["area"], shown["age"]) == (None, "", None, 78)
    with database.unit_of_work() as session:
        assert history(session, "resident", resident)[-1].action != VIEWED_IN_FULL


def test_a_view_in_full_shows_everything_and_is_audited_with_who_and_where(database, make):
    resident, admin = register(database), make.user(role="admin")
    with database.unit_of_work() as session:
        terminal_id = add_terminal(session, "office")[0].id
    shown = show_in_full(database, resident, TODAY, Actor(staff_id=admin.id, terminal_id=terminal_id))
    assert (shown["id_number"], shown["phone"], shown["birth_date"]) == (ID_NUMBER, "13912345678", "1948-01-01")
    assert (shown["address"], shown["area"]["district"]) == ("解放路12号", "尧都区")
    with database.unit_of_work() as session:
        entry = history(session, "resident", resident)[-1]
        assert (entry.action, entry.staff_id, entry.terminal_id) == (VIEWED_IN_FULL, admin.id, terminal_id)


def test_no_one_is_audited_for_a_resident_who_does_not_exist(database):
    with pytest.raises(NotFound):
        show_in_full(database, 999, TODAY, Actor())
    with database.unit_of_work() as session:
        assert history(session, "resident", 999) == []
