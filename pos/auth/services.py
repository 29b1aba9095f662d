"""Creating staff accounts and checking passwords."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from pos.audit import SYSTEM, Actor
from pos.audit import record as audit
from pos.auth.models import User
from pos.errors import Conflict, InvalidInput
from vocabulary import ROLES

MIN_PASSWORD_LENGTH = 8


def create_user(session: Session, username: str, password: str, role: str, display_name: str = "",
                actor: Actor = SYSTEM) -> User:
    """Add a staff account with a hashed password."""
    username = username.strip()
    if not username:
        raise InvalidInput("is required", field="username")
    if role not in ROLES:
        raise InvalidInput("must be one of %(choices)s", field="role", choices=", ".join(ROLES))
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput("must be at least %(n)s characters", field="password", n=MIN_PASSWORD_LENGTH)
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
    if user is None or not user.active or not check_password_hash(user.password_hash, password):
        return None
    return user
