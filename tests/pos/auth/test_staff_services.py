"""Managing staff: adding, a new password to be changed, one's own password, roles, deactivation, the list."""
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from pos.audit import SYSTEM, Actor, history
from pos.auth.models import User
from pos.auth.roster import list_staff
from pos.auth.services import (
    PasswordChange,
    StaffIn,
    add_staff,
    authenticate,
    change_own_password,
    reset_password,
    set_active,
    set_role,
    set_staff_active,
    sign_in,
)
from pos.clock import utc_now
from pos.errors import Conflict, InvalidInput
from pos.signins import held
from pos.signins.guessing import TooManyAttempts
from pos.signins.models import SignIn
from tests.pos.auth.test_passwords import EASY

NOW = utc_now()


def staff(database, make, role="admin", username="boss"):
    return Actor(staff_id=make.user(username=username, role=role).id)


def user(database, username):
    with database.unit_of_work() as session:
        return session.scalar(select(User).where(User.username == username))


def open_sign_ins(database, staff_id):
    with database.unit_of_work() as session:
        return session.scalars(select(SignIn.id).where(SignIn.staff_id == staff_id, SignIn.ended_at.is_(None))).all()


def test_an_admin_adds_a_cashier_who_must_choose_their_own_password(database, make):
    admin = staff(database, make)
    added = add_staff(database, StaffIn(" liming ", "李明", "cashier", "counter-pass", "counter-pass"), admin)
    assert (added.username, added.display_name, added.role, added.active, added.must_change_password) == (
        "liming", "李明", "cashier", True, True)
    with database.unit_of_work() as session:
        assert authenticate(session, "liming", "counter-pass").id == added.id
        (row,) = history(session, "staff", added.id)
    assert (row.action, row.staff_id, row.after) == ("staff.created", admin.staff_id, {
        "username": "liming", "role": "cashier", "must_change_password": True})


@pytest.mark.parametrize(("new", "field", "message"), [
    (StaffIn("", "", "cashier", "counter-pass", "counter-pass"), "username", "is required"),
    (StaffIn("a" * 65, "", "cashier", "counter-pass", "counter-pass"), "username", "must be text of at most %(n)s characters"),
    (StaffIn("li\x00ming", "", "cashier", "counter-pass", "counter-pass"), "username", "must not contain control characters"),
    (StaffIn("liming", "李" * 65, "cashier", "counter-pass", "counter-pass"), "display_name", "must be text of at most %(n)s characters"),
    (StaffIn("liming", "", "chef", "counter-pass", "counter-pass"), "role", "must be one of %(choices)s"),
    (StaffIn("liming", "", "cashier", "liming", "liming"), "password", "must be at least %(n)s characters"),
    (StaffIn("liming", "", "cashier", "counter-pass", "counter-past"), "repeat_password", "does not match the password typed above"),
])
def test_a_bad_new_member_of_staff_is_refused_and_nothing_stored(database, make, new, field, message):
    admin = staff(database, make)
    with pytest.raises(InvalidInput) as refused:
        add_staff(database, new, admin)
    assert (refused.value.field, refused.value.message) == (field, message)
    assert user(database, "liming") is None


def test_a_username_is_taken_once(database, make):
    admin = staff(database, make)
    with pytest.raises(Conflict) as refused:
        add_staff(database, StaffIn("boss", "", "cashier", "counter-pass", "counter-pass"), admin)
    assert refused.value.code == "user_exists"


def test_a_reset_password_ends_sign_ins_and_must_be_changed(database, make):
    admin, cashier = staff(database, make), make.user(username="liming", role="cashier")
    with database.unit_of_work() as session:
        held.begin(session, NOW, "10.0.0.1", staff_id=cashier.id)
    reset_password(database, cashier.id, "temporary-1", "temporary-1", admin, NOW)
    changed = user(database, "liming")
    assert changed.must_change_password is True
    assert open_sign_ins(database, cashier.id) == []
    with database.unit_of_work() as session:
        assert authenticate(session, "liming", "temporary-1").id == cashier.id
        row = history(session, "staff", cashier.id)[-1]
    assert (row.action, row.staff_id, row.before, row.after) == ("staff.password_set", admin.staff_id, None,
                                                                 {"must_change_password": True})


def test_an_admin_resets_others_passwords_not_their_own(database, make):
    admin = staff(database, make)
    with pytest.raises(Conflict) as refused:
        reset_password(database, admin.staff_id, "temporary-1", "temporary-1", admin, NOW)
    assert refused.value.code == "own_account"
    with pytest.raises(InvalidInput) as bad:
        reset_password(database, make.user(username="li").id, "li", "li", admin, NOW)
    assert bad.value.field == "password"


def test_the_cli_keeps_its_password_without_a_forced_change(database, make, runner):
    make.user(username="zhang", role="manager")
    assert runner.invoke(args=["users", "password", "zhang", "--password", "own-choice-9"]).exit_code == 0
    assert user(database, "zhang").must_change_password is False


def change(staff_id, token, current="temporary-1", new="my-own-choice", repeat="my-own-choice"):
    return PasswordChange(staff_id, current, new, repeat, token)


def test_ones_own_new_password_ends_the_other_sign_ins_and_keeps_this_one(database, make):
    cashier = make.user(username="liming", role="cashier", password="temporary-1")
    reset_password(database, cashier.id, "temporary-1", "temporary-1", staff(database, make), NOW)
    with database.reader() as session:
        _user, here = sign_in(database, session, "liming", "temporary-1", "10.0.0.1", NOW)
        _user, elsewhere = sign_in(database, session, "liming", "temporary-1", "10.0.0.2", NOW)
    change_own_password(database, change(cashier.id, here), "10.0.0.1", Actor(staff_id=cashier.id), NOW)
    with database.unit_of_work() as session:
        assert held.current(session, here, NOW, timedelta(minutes=30)) is not None
        assert held.current(session, elsewhere, NOW, timedelta(minutes=30)) is None
        assert authenticate(session, "liming", "my-own-choice").must_change_password is False
        row = history(session, "staff", cashier.id)[-1]
    assert (row.action, row.staff_id, row.after) == ("staff.password_changed", cashier.id, None)


@pytest.mark.parametrize(("kwargs", "field", "message"), [
    ({"current": "not-the-one"}, "current_password", "is not your current password"),
    ({"new": "temporary-1", "repeat": "temporary-1"}, "new_password", "must differ from the current password"),
    ({"new": "liming", "repeat": "liming"}, "new_password", "must be at least %(n)s characters"),
    ({"new": "12345678", "repeat": "12345678"}, "new_password", EASY),
    ({"repeat": "my-own-chioce"}, "repeat_password", "does not match the password typed above"),
])
def test_a_bad_change_of_ones_own_password_changes_nothing(database, make, kwargs, field, message):
    cashier = make.user(username="liming", role="cashier", password="temporary-1")
    with pytest.raises(InvalidInput) as refused:
        change_own_password(database, change(cashier.id, None, **kwargs), "10.0.0.1", SYSTEM, NOW)
    assert (refused.value.field, refused.value.message) == (field, message)
    with database.unit_of_work() as session:
        assert authenticate(session, "liming", "temporary-1") is not None


def test_guessing_ones_current_password_is_limited_like_signing_in(database, make):
    cashier = make.user(username="liming", role="cashier", password="temporary-1")
    for n in range(5):
        with pytest.raises(InvalidInput):
            change_own_password(database, change(cashier.id, None, current=f"guess-{n}"), "10.0.0.1", SYSTEM, NOW)
    with pytest.raises(TooManyAttempts):
        change_own_password(database, change(cashier.id, None), "10.0.0.1", SYSTEM, NOW)


def test_a_bad_new_password_does_not_count_as_a_guess(database, make):
    cashier = make.user(username="liming", role="cashier", password="temporary-1")
    for _ in range(6):
        with pytest.raises(InvalidInput):
            change_own_password(database, change(cashier.id, None, new="short", repeat="short"), "10.0.0.1",
                                SYSTEM, NOW)
    change_own_password(database, change(cashier.id, None), "10.0.0.1", SYSTEM, NOW)


def test_an_admin_cannot_deactivate_themself(database, make):
    admin = staff(database, make)
    make.user(username="second", role="admin")
    with pytest.raises(Conflict) as refused:
        set_staff_active(database, admin.staff_id, False, admin, NOW)
    assert (refused.value.code, user(database, "boss").active) == ("own_account", True)


def test_the_last_active_admin_stays(database, make):
    only = make.user(username="boss", role="admin")
    other = staff(database, make, "admin", "second")
    set_staff_active(database, other.staff_id, True, other, NOW)  # activating is never refused
    set_staff_active(database, only.id, False, other, NOW)  # one admin of two
    with pytest.raises(Conflict) as refused:
        set_active(database, "second", False, SYSTEM, NOW)  # the command too: not about who acts
    assert refused.value.code == "last_admin"
    with pytest.raises(Conflict) as demoted:
        set_role(database, other.staff_id, "manager", Actor(staff_id=None))
    assert (demoted.value.code, demoted.value.params) == ("last_admin", {"name": "second"})
    assert (user(database, "second").role, user(database, "second").active) == ("admin", True)


def test_roles_change_with_an_audit_row_but_not_ones_own(database, make):
    admin = staff(database, make)
    cashier = make.user(username="liming", role="cashier")
    set_role(database, cashier.id, "manager", admin)
    set_role(database, cashier.id, "manager", admin)  # no change, no row
    with database.unit_of_work() as session:
        rows = [(r.action, r.before, r.after) for r in history(session, "staff", cashier.id)]
    assert rows[1:] == [("staff.role_changed", {"role": "cashier"}, {"role": "manager"})]
    with pytest.raises(Conflict):
        set_role(database, admin.staff_id, "manager", admin)
    with pytest.raises(InvalidInput):
        set_role(database, cashier.id, "owner", admin)


def test_deactivation_and_activation_are_audited(database, make):
    admin = staff(database, make)
    cashier = make.user(username="liming", role="cashier")
    set_staff_active(database, cashier.id, False, admin, NOW)
    set_staff_active(database, cashier.id, True, admin, NOW)
    with database.unit_of_work() as session:
        rows = [(r.action, r.staff_id, r.after) for r in history(session, "staff", cashier.id)][1:]
    assert rows == [("staff.deactivated", admin.staff_id, {"active": False}),
                    ("staff.activated", admin.staff_id, {"active": True})]


def test_the_list_is_paged_active_first_with_the_last_sign_in(database, make):
    wu = [make.user(username=name) for name in ("wu", "chen", "an")][0]
    set_active(database, "an", False, SYSTEM, NOW)
    with database.unit_of_work() as session:
        held.begin(session, NOW - timedelta(days=2), "10.0.0.1", staff_id=wu.id)
        held.begin(session, NOW - timedelta(hours=1), "10.0.0.1", staff_id=wu.id)
    first, second = listed(database, 1), listed(database, 2)
    assert [r.username for r in first.rows + second.rows] == ["chen", "wu", "an"]
    assert (first.pages, first.total, second.page) == (2, 3, 2)
    assert [r.last_sign_in for r in first.rows] == [None, NOW - timedelta(hours=1)]
    assert listed(database, 99).page == 2
    with database.unit_of_work() as session:
        session.execute(update(SignIn).values(ended_at=NOW))  # an ended sign-in still says when it began
    assert listed(database, 1).rows[1].last_sign_in == NOW - timedelta(hours=1)


def listed(database, page):
    with database.reader() as session:
        return list_staff(session, page, per_page=2)
