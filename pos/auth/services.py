"""Staff accounts: creating them, signing in with a limit on guessing, new passwords, deactivation."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from pos.audit import SYSTEM, Actor
from pos.audit import record as audit
from pos.auth.models import User
from pos.db import Database
from pos.errors import N_, CanteenError, Conflict, InvalidInput, NotFound
from pos.input_text import checked_text, column_length
from pos.signins import guessing, held
from vocabulary import ROLES

MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 128  # what the sign-in form takes
# Checked when no account has the name, so a wrong name takes as long as a wrong password.
NO_ONE = generate_password_hash("no such account")


class LoginFailed(CanteenError):
    """The name and password do not sign in (which of the two is wrong is not said)."""

    status = 401
    code = "login_failed"


def create_user(session: Session, username: str, password: str, role: str, display_name: str = "",
                actor: Actor = SYSTEM) -> User:
    """Add a staff account with a hashed password."""
    username = checked_text(username.strip(), column_length(User.username), "username")
    display_name = checked_text(display_name.strip(), column_length(User.display_name), "display_name")
    if not username:
        raise InvalidInput("is required", field="username")
    if role not in ROLES:
        raise InvalidInput("must be one of %(choices)s", field="role", choices=", ".join(ROLES))
    _check_password(password)
    if session.scalar(select(User.id).where(User.username == username)) is not None:
        raise Conflict("user %(name)s already exists", code="user_exists", name=username)
    user = User(username=username, display_name=display_name or username, role=role,
                password_hash=generate_password_hash(password))
    session.add(user)
    session.flush()
    audit(session, actor, "staff.created", "staff", user.id, after={"username": username, "role": role})
    return user


def authenticate(session: Session, username: str, password: str) -> User | None:
    """The active user with this username and password, or None."""
    user = session.scalar(select(User).where(User.username == username.strip()))
    if user is None:
        check_password_hash(NO_ONE, password)
        return None
    if not check_password_hash(user.password_hash, password) or not user.active:
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


def set_password(db: Database, username: str, password: str, actor: Actor, now: datetime) -> None:
    """A new password: every sign-in of the account ends, and its failed attempts are forgotten."""
    _check_password(password)
    with db.unit_of_work() as tx:
        user = _named(tx, username)
        user.password_hash = generate_password_hash(password)
        held.end_staff(tx, user.id, now, "password_changed")
        guessing.forget_account(tx, guessing.STAFF, user.username)
        audit(tx, actor, "staff.password_set", "staff", user.id)  # never the password, nor its hash


def set_active(db: Database, username: str, active: bool, actor: Actor, now: datetime) -> None:
    """Deactivate an account (its sign-ins end at once) or let it sign in again."""
    with db.unit_of_work() as tx:
        user = _named(tx, username)
        before, user.active = user.active, active
        if not active:
            held.end_staff(tx, user.id, now, "deactivated")
        audit(tx, actor, "staff.activated" if active else "staff.deactivated", "staff", user.id,
              before={"active": before}, after={"active": active})


def _named(session: Session, username: str) -> User:
    user = session.scalar(select(User).where(User.username == username.strip()).with_for_update())
    if user is None:
        raise NotFound("no staff account is called %(name)s", code="user_not_found", name=username)
    return user


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput("must be at least %(n)s characters", field="password", n=MIN_PASSWORD_LENGTH)
    checked_text(password, MAX_PASSWORD_LENGTH, "password")
