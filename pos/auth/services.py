"""Staff accounts: creating them, signing in with a limit on guessing, the password rules, new passwords,
roles, deactivation.

The commands name an account by its username, the staff pages by its id; both end in the same steps.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from pos.audit import SYSTEM, Actor
from pos.audit import record as audit
from pos.auth.models import User
from pos.db import Database
from pos.errors import N_, CanteenError, Conflict, InvalidInput, NotFound
from pos.input_text import checked_text, column_length
from pos.signins import guessing, held
from pos.signins.secrets import hash_secret, secret_matches
from vocabulary import ROLES

MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 128  # what the sign-in form takes
# Runs along a keyboard, either way (letters and digits in order are found by rule: each a step of one).
ROWS = ("1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm", "1qaz2wsx3edc4rfv", "zaq12wsxcde3")
# Passwords people pick first that no rule below catches.
COMMON = frozenset({"password", "password1", "password123", "passw0rd", "p@ssw0rd", "iloveyou", "qwerty123",
                    "abc12345", "abcd1234", "a1234567", "a12345678", "1q2w3e4r", "1q2w3e4r5t", "woaini1314",
                    "5201314520", "admin123", "admin888", "12345678a", "123456789a", "qq123456"})
# Checked when no account has the name, so a wrong name takes as long as a wrong password.
NO_ONE = hash_secret("no such account")


class LoginFailed(CanteenError):
    """The name and password do not sign in (which of the two is wrong is not said)."""

    status = 401
    code = "login_failed"


@dataclass(frozen=True)
class StaffIn:
    """A new member of staff as an admin types them in; `repeat` is the password typed again."""

    username: str
    display_name: str
    role: str
    password: str
    repeat: str
    must_change_password: bool = True


@dataclass(frozen=True)
class PasswordChange:
    """A member of staff choosing their own password; the sign-in they do it from stays open."""

    staff_id: int
    current: str
    new: str
    repeat: str
    sign_in_token: str | None


def check_password(password: str, username: str, field: str = "password") -> None:
    """Refuse a password that is short, the username, one character repeated, or easy to guess."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput("must be at least %(n)s characters", field=field, n=MIN_PASSWORD_LENGTH)
    checked_text(password, MAX_PASSWORD_LENGTH, field)
    folded = password.casefold()
    if folded == username.strip().casefold():
        raise InvalidInput("must not be the username", field=field)
    if len(set(folded)) == 1:
        raise InvalidInput("must not be one character repeated", field=field)
    if folded in COMMON or _sequence(folded) or _repeated(folded):
        raise InvalidInput("is too easy to guess: no runs like 12345678 or qwertyui, no repeated patterns "
                           "like 12121212, no common passwords", field=field)


def _sequence(text: str) -> bool:
    """Characters that step up or down by one (12345678, hgfedcba), or a run along a keyboard row."""
    steps = {ord(b) - ord(a) for a, b in zip(text, text[1:])}
    if steps in ({1}, {-1}):
        return True
    return any(text in row or text in row[::-1] for row in ROWS)


def _repeated(text: str) -> bool:
    """A short pattern typed over and over (12121212, abcabcab, 12341234)."""
    return any(text == (text[:n] * (len(text) // n + 1))[:len(text)] for n in range(2, 5))


def create_user(session: Session, username: str, password: str, role: str, display_name: str = "",
                actor: Actor = SYSTEM, *, must_change_password: bool = False) -> User:
    """Add a staff account with a hashed password."""
    username = checked_text(username.strip(), column_length(User.username), "username")
    display_name = checked_text(display_name.strip(), column_length(User.display_name), "display_name")
    if not username:
        raise InvalidInput("is required", field="username")
    if role not in ROLES:
        raise InvalidInput("must be one of %(choices)s", field="role", choices=", ".join(ROLES))
    check_password(password, username)
    if session.scalar(select(User.id).where(User.username == username)) is not None:
        raise Conflict("user %(name)s already exists", code="user_exists", name=username)
    user = User(username=username, display_name=display_name or username, role=role,
                password_hash=hash_secret(password), must_change_password=must_change_password)
    session.add(user)
    session.flush()
    audit(session, actor, "staff.created", "staff", user.id,
          after={"username": username, "role": role, "must_change_password": must_change_password})
    return user


def add_staff(db: Database, new: StaffIn, actor: Actor) -> User:
    """An admin adds a member of staff (who, by default, chooses their own password at the first sign-in)."""
    _same(new.password, new.repeat)
    with db.unit_of_work() as tx:
        return create_user(tx, new.username, new.password, new.role, new.display_name, actor,
                           must_change_password=new.must_change_password)


def authenticate(session: Session, username: str, password: str) -> User | None:
    """The active user with this username and password, or None."""
    user = session.scalar(select(User).where(User.username == username.strip()))
    if user is None:
        secret_matches(NO_ONE, password)
        return None
    if not secret_matches(user.password_hash, password) or not user.active:
        return None
    return user


def sign_in(db: Database, session: Session, username: str, password: str, client: str,
            now: datetime) -> tuple[User, str]:
    """The user and a new sign-in's token; refused while the account or the address has guessed too often."""
    attempt = guessing.Attempt(guessing.STAFF, username, client)
    with db.unit_of_work() as tx:
        guessing.begin(tx, attempt, now)
    user = authenticate(session, username, password)
    if user is None:
        raise LoginFailed(N_("Wrong username or password."))
    with db.unit_of_work() as tx:
        guessing.succeeded(tx, attempt)
        return user, held.begin(tx, now, client, staff_id=user.id)


def set_password(db: Database, username: str, password: str, actor: Actor, now: datetime, *,
                 must_change: bool = False) -> None:
    """A new password: every sign-in of the account ends, and its failed attempts are forgotten."""
    with db.unit_of_work() as tx:
        _new_password(tx, _named(tx, username), password, actor, now, must_change)


def reset_password(db: Database, staff_id: int, password: str, repeat: str, actor: Actor, now: datetime) -> User:
    """An admin gives someone else a password, which they must change at their next sign-in."""
    _same(password, repeat)
    with db.unit_of_work() as tx:
        user = _numbered(tx, staff_id)
        if user.id == actor.staff_id:
            raise Conflict("your own password is changed under Change my password", code="own_account")
        _new_password(tx, user, password, actor, now, must_change=True)
        return user


def change_own_password(db: Database, change: PasswordChange, client: str, actor: Actor, now: datetime) -> None:
    """A member of staff's own new password; their other sign-ins end, this one stays.

    The current password is asked for and counted like a sign-in, so a browser left signed in
    cannot be used to guess it.
    """
    with db.unit_of_work() as tx:
        username = _numbered(tx, change.staff_id).username
        check_password(change.new, username, field="new_password")
        if change.new == change.current:
            raise InvalidInput("must differ from the current password", field="new_password")
        _same(change.new, change.repeat)
        attempt = guessing.Attempt(guessing.STAFF, username, client)
        guessing.begin(tx, attempt, now)  # kept even when the check below fails
    with db.unit_of_work() as tx:
        user = _numbered(tx, change.staff_id)
        if not secret_matches(user.password_hash, change.current):
            raise InvalidInput("is not your current password", field="current_password")
        user.password_hash, user.must_change_password = hash_secret(change.new), False
        held.end_staff(tx, user.id, now, "password_changed", keep=change.sign_in_token)
        guessing.succeeded(tx, attempt)
        audit(tx, actor, "staff.password_changed", "staff", user.id)  # never the password, nor its hash


def set_active(db: Database, username: str, active: bool, actor: Actor, now: datetime) -> None:
    """Deactivate an account (its sign-ins end at once) or let it sign in again."""
    with db.unit_of_work() as tx:
        _set_active(tx, _named(tx, username), active, actor, now)


def set_staff_active(db: Database, staff_id: int, active: bool, actor: Actor, now: datetime) -> User:
    """`set_active` from the staff page, which names the account by its id."""
    with db.unit_of_work() as tx:
        user = _numbered(tx, staff_id)
        _set_active(tx, user, active, actor, now)
        return user


def set_role(db: Database, staff_id: int, role: str, actor: Actor) -> User:
    """Give a member of staff another role; the canteen always keeps an active admin."""
    if role not in ROLES:
        raise InvalidInput("must be one of %(choices)s", field="role", choices=", ".join(ROLES))
    with db.unit_of_work() as tx:
        user = _numbered(tx, staff_id)
        if user.id == actor.staff_id and role != user.role:
            raise Conflict("you cannot change your own role; ask another admin", code="own_account")
        if role != "admin":
            _keep_an_admin(tx, user)
        before, user.role = user.role, role
        if before != role:
            audit(tx, actor, "staff.role_changed", "staff", user.id, before={"role": before}, after={"role": role})
        return user


def _set_active(tx: Session, user: User, active: bool, actor: Actor, now: datetime) -> None:
    if not active:
        if user.id == actor.staff_id:
            raise Conflict("you cannot deactivate your own account", code="own_account")
        _keep_an_admin(tx, user)
    before, user.active = user.active, active
    if not active:
        held.end_staff(tx, user.id, now, "deactivated")
    audit(tx, actor, "staff.activated" if active else "staff.deactivated", "staff", user.id,
          before={"active": before}, after={"active": active})


def _keep_an_admin(tx: Session, user: User) -> None:
    """Refuse to take away the last active admin: nobody could manage staff or terminals from the pages."""
    if user.role != "admin" or not user.active:
        return
    # Lock the other active admins' rows, so two admins demoting each other at once cannot both succeed
    # (on PostgreSQL one of them may then be refused as busy, and refused as the last admin when sent again).
    others = tx.scalars(select(User.id).where(User.role == "admin", User.active.is_(True), User.id != user.id)
                        .with_for_update()).all()
    if not others:
        raise Conflict("%(name)s is the last active admin; make another member of staff an admin first",
                       code="last_admin", name=user.username)


def _new_password(tx: Session, user: User, password: str, actor: Actor, now: datetime, must_change: bool) -> None:
    check_password(password, user.username)
    user.password_hash, user.must_change_password = hash_secret(password), must_change
    held.end_staff(tx, user.id, now, "password_changed")
    guessing.forget_account(tx, guessing.STAFF, user.username)
    audit(tx, actor, "staff.password_set", "staff", user.id,  # never the password, nor its hash
          after={"must_change_password": must_change})


def _named(session: Session, username: str) -> User:
    user = session.scalar(select(User).where(User.username == username.strip()).with_for_update())
    if user is None:
        raise NotFound("no staff account is called %(name)s", code="user_not_found", name=username)
    return user


def _numbered(session: Session, staff_id: int) -> User:
    user = session.scalar(select(User).where(User.id == staff_id).with_for_update())
    if user is None:
        raise NotFound("there is no such member of staff", code="user_not_found")
    return user


def _same(password: str, repeat: str) -> None:
    if password != repeat:
        raise InvalidInput("does not match the password typed above", field="repeat_password")

