"""Adding terminals and recognising their tokens."""
from __future__ import annotations

import hashlib
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from pos.audit import SYSTEM, Actor
from pos.audit import record as audit
from pos.errors import Conflict, InvalidInput
from pos.terminals.models import Terminal


def hash_token(token: str) -> str:
    """SHA-256 of a token; tokens are 256-bit random, so no slow hash is needed."""
    return hashlib.sha256(token.encode()).hexdigest()


def add_terminal(session: Session, name: str, actor: Actor = SYSTEM) -> tuple[Terminal, str]:
    """Create a terminal; returns it and its token, which is shown only this once."""
    name = name.strip()
    if not name:
        raise InvalidInput("is required", field="name")
    if session.scalar(select(Terminal.id).where(Terminal.name == name)) is not None:
        raise Conflict("terminal %(name)s already exists", code="terminal_exists", name=name)
    token = secrets.token_urlsafe(32)
    terminal = Terminal(name=name, token_hash=hash_token(token))
    session.add(terminal)
    session.flush()
    audit(session, actor, "terminal.added", "terminal", terminal.id, after={"name": name})  # never the token
    return terminal, token


def terminal_for_token(session: Session, token: str) -> Terminal | None:
    """The active terminal holding this token."""
    terminal = session.scalar(select(Terminal).where(Terminal.token_hash == hash_token(token)))
    return terminal if terminal is not None and terminal.active else None
