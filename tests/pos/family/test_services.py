"""Staff set up family members: added with a PIN, linked by phone to a second resident, a new PIN, unlinked;
each change audited, every refusal writing nothing."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest
from sqlalchemy import func, select

from pos.audit import AuditEntry
from pos.errors import CanteenError
from pos.family.links import check_linked, family_of, linked_residents
from pos.family.models import FamilyLink, FamilyMember
from pos.family.phones import normal_phone
from pos.family.services import FamilyIn, add_family_member, set_family_pin, unlink_family_member
from pos.signins.secrets import secret_matches
from tests.pos.family.conftest import PHONE, PIN

NOW = datetime(2026, 12, 1, 2, 0, tzinfo=timezone.utc)


def actions(database) -> list[tuple[str, str, dict | None, dict | None]]:
    with database.reader() as session:
        return [(e.action, e.subject_id, e.before, e.after) for e in session.scalars(
            select(AuditEntry).where(AuditEntry.subject == "family_member").order_by(AuditEntry.id))]


def rows(database) -> tuple[int, int, int]:
    with database.reader() as session:
        return tuple(session.scalar(select(func.count()).select_from(model))  # type: ignore[return-value]
                     for model in (FamilyMember, FamilyLink, AuditEntry))


@pytest.mark.parametrize(("typed", "stored"), [("13912345678", "13912345678"), ("+86 139-1234-5678", "13912345678"),
                                               ("139 1234 5678", "13912345678"), ("１３９１２３４５６７８", "13912345678"),
                                               ("12912345678", None), ("1391234567", None), ("", None)])
def test_a_mobile_number_is_stored_as_its_eleven_digits(typed, stored):
    assert normal_phone(typed) == stored


def test_a_new_family_member_is_added_linked_and_audited(database, family):
    added = add_family_member(database, family.zhang, FamilyIn(" 李强 ", "+86 139 1234 5678", "儿子", PIN),
                              family.staff, NOW)
    member = added["id"]
    assert added == {"id": member, "name": "李强", "phone": PHONE, "resident_id": family.zhang, "relationship": "儿子"}
    assert actions(database) == [
        ("family.added", str(member), None, {"name": "李强", "phone": "*******5678"}),
        ("family.pin_set", str(member), None, None),
        ("family.linked", str(member), None, {"resident_id": family.zhang, "relationship": "儿子"})]
    with database.reader() as session:
        stored = session.get_one(FamilyMember, member)
        assert (stored.phone, stored.active, secret_matches(stored.pin_hash, PIN)) == (PHONE, True, True)
        assert [(link.relationship, r.name) for link, r in linked_residents(session, member)] == [("儿子", "张桂兰")]
        check_linked(session, member, family.zhang)
        with pytest.raises(CanteenError) as caught:
            check_linked(session, member, family.wang)
        assert (caught.value.status, caught.value.code) == (403, "not_linked")


def test_a_known_phone_links_the_same_member_to_another_resident(database, family):
    first = add_family_member(database, family.zhang, FamilyIn("李强", PHONE, "儿子", PIN), family.staff, NOW)["id"]
    again = add_family_member(database, family.wang, FamilyIn("李强", "139-1234-5678", "外甥", ""), family.staff, NOW)
    assert again["id"] == first
    with database.reader() as session:
        assert secret_matches(session.get_one(FamilyMember, first).pin_hash, PIN)  # no PIN typed: the PIN stays
        assert [r.name for _link, r in linked_residents(session, first)] == ["王建国", "张桂兰"]  # by pinyin initials
        assert [(m.name, link.relationship) for m, link in family_of(session, family.wang)] == [("李强", "外甥")]
    assert [a[0] for a in actions(database)] == ["family.added", "family.pin_set", "family.linked", "family.linked"]


@pytest.mark.parametrize(("given", "code", "field"), [
    (FamilyIn("李强", "1391234567", "儿子", PIN), "invalid_input", "phone"),
    (FamilyIn("李强", PHONE, "儿子", "12"), "invalid_input", "pin"),
    (FamilyIn("李强", PHONE, "儿子", ""), "invalid_input", "pin"),  # someone new needs a PIN
    (FamilyIn("", PHONE, "儿子", PIN), "invalid_input", "name"),
    (FamilyIn("李强", PHONE, "   ", PIN), "invalid_input", "relationship"),
])
def test_bad_details_are_refused_and_nothing_is_written(database, family, given, code, field):
    before = rows(database)
    with pytest.raises(CanteenError) as caught:
        add_family_member(database, family.zhang, given, family.staff, NOW)
    assert (caught.value.code, caught.value.field) == (code, field)
    assert rows(database) == before


def test_linking_twice_is_refused(database, family):
    add_family_member(database, family.zhang, FamilyIn("李强", PHONE, "儿子", PIN), family.staff, NOW)
    before = rows(database)
    with pytest.raises(CanteenError) as caught:
        add_family_member(database, family.zhang, FamilyIn("李强", PHONE, "儿子", "9999"), family.staff, NOW)
    assert (caught.value.code, str(caught.value)) == ("already_linked", "李强 is already linked to 张桂兰")
    assert rows(database) == before


def test_a_new_pin_and_unlinking_are_audited(database, family):
    member = add_family_member(database, family.zhang, FamilyIn("李强", PHONE, "儿子", PIN), family.staff, NOW)["id"]
    assert set_family_pin(database, member, "97531", family.staff, NOW) == {"id": member, "pin_set": True}
    assert unlink_family_member(database, member, family.zhang, family.staff, NOW) == {
        "id": member, "resident_id": family.zhang, "linked": False}
    assert actions(database)[3:] == [("family.pin_set", str(member), None, None),
                                     ("family.unlinked", str(member), {"resident_id": family.zhang,
                                                                       "relationship": "儿子"}, None)]
    with database.reader() as session:
        assert secret_matches(session.get_one(FamilyMember, member).pin_hash, "97531")
        assert linked_residents(session, member) == []
        entries = session.scalars(select(AuditEntry).where(AuditEntry.subject == "family_member"))
        assert {e.staff_id for e in entries} == {family.staff.staff_id}
    with pytest.raises(CanteenError) as caught:
        unlink_family_member(database, member, family.zhang, family.staff, NOW)
    assert caught.value.code == "not_linked"
