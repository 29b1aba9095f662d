"""Terminals: registering them, renaming, revoking, listing, and recognising their tokens."""
from __future__ import annotations

import hashlib
import math
import re
import secrets
from dataclasses import dataclass

from blinker import Signal
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pos.audit import SYSTEM, Actor
from pos.audit import record as audit
from pos.db import Database
from pos.errors import Conflict, InvalidInput, NotFound
from pos.terminals.models import EVERY_READER, READER_NAME_LENGTH, Terminal

NAME_LENGTH = 60  # terminal.name
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
PER_PAGE = 25
# Sent with a terminal's id once its revocation is committed: the reader closes that terminal's open streams.
revoked = Signal("a terminal was revoked")
# Sent with a terminal's id once it names another reader: its open streams end, and reopen with the new reader.
reader_changed = Signal("a terminal names another card reader")


@dataclass(frozen=True)
class TerminalPage:
    """One page of the terminals: those in use first, then by name."""

    rows: list[Terminal]
    page: int
    pages: int
    total: int


def hash_token(token: str) -> str:
    """SHA-256 of a token; tokens are 256-bit random, so no slow hash is needed."""
    return hashlib.sha256(token.encode()).hexdigest()


def add_terminal(session: Session, name: str, actor: Actor = SYSTEM, reader_name: str = "") -> tuple[Terminal, str]:
    """Create a terminal, naming its card reader or none; returns it and its token, which is shown only this once."""
    name = _checked_name(name)
    reader_name = _checked_reader(reader_name)
    _name_free(session, name)
    _reader_free(session, reader_name, None)
    token = secrets.token_urlsafe(32)
    terminal = Terminal(name=name, token_hash=hash_token(token), reader_name=reader_name)
    session.add(terminal)
    session.flush()
    after = {"name": name, "reader_name": reader_name} if reader_name else {"name": name}
    audit(session, actor, "terminal.added", "terminal", terminal.id, after=after)  # never the token
    return terminal, token


def register_terminal(db: Database, name: str, actor: Actor) -> tuple[Terminal, str]:
    """`add_terminal` in its own transaction, for the terminals page."""
    with db.unit_of_work() as tx:
        return add_terminal(tx, name, actor)


def rename_terminal(db: Database, terminal_id: int, name: str, actor: Actor) -> Terminal:
    """Give a terminal another name; its token stays the same."""
    name = _checked_name(name)
    with db.unit_of_work() as tx:
        terminal = _locked(tx, terminal_id)
        if name != terminal.name:
            _name_free(tx, name)
            before, terminal.name = terminal.name, name
            audit(tx, actor, "terminal.renamed", "terminal", terminal.id, before={"name": before}, after={"name": name})
        return terminal


def name_reader(db: Database, terminal_id: int, reader_name: str, actor: Actor) -> Terminal:
    """Give a terminal the card reader whose taps it receives ("" none, "*" every reader); its screen follows it now.

    Reader names match exactly, as PC/SC lists them: a prefix ("ACS ACR122U") would also match the
    same model at the next counter ("... 00 00" and "... 01 00"), the very crossing this prevents.
    So one reader belongs to at most one counter in use, and "*" only to a counter alone with readers.
    """
    reader_name = _checked_reader(reader_name)
    with db.unit_of_work() as tx:
        terminal = _locked(tx, terminal_id)
        if not terminal.active:
            raise Conflict("terminal %(name)s is revoked", code="terminal_revoked", name=terminal.name)
        if reader_name == terminal.reader_name:
            return terminal
        _reader_free(tx, reader_name, terminal.id)
        before, terminal.reader_name = terminal.reader_name, reader_name
        audit(tx, actor, "terminal.reader_named", "terminal", terminal.id, before={"reader_name": before},
              after={"reader_name": reader_name})
    reader_changed.send(terminal.id)
    return terminal


def revoke_terminal(db: Database, terminal_id: int, actor: Actor) -> Terminal:
    """Stop a terminal's token for good: its next API call is refused (a lost or replaced counter)."""
    with db.unit_of_work() as tx:
        terminal = _locked(tx, terminal_id)
        if not terminal.active:
            raise Conflict("terminal %(name)s is already revoked", code="terminal_revoked", name=terminal.name)
        terminal.active = False
        audit(tx, actor, "terminal.revoked", "terminal", terminal.id, before={"active": True}, after={"active": False})
    revoked.send(terminal.id)
    return terminal


def list_terminals(session: Session, page: int = 1, per_page: int = PER_PAGE) -> TerminalPage:
    """The page `page` of the terminals (past the last page: the last page)."""
    total = session.scalar(select(func.count()).select_from(Terminal)) or 0
    pages = max(1, math.ceil(total / per_page))
    page = min(max(1, page), pages)
    rows = session.scalars(select(Terminal).order_by(Terminal.active.desc(), Terminal.name)
                           .limit(per_page).offset((page - 1) * per_page)).all()
    return TerminalPage(list(rows), page, pages, total)


def terminal_by_id(session: Session, terminal_id: int) -> Terminal:
    """One terminal, or NotFound."""
    found = session.get(Terminal, terminal_id)
    if found is None:
        raise NotFound("there is no such terminal", code="terminal_not_found")
    return found


def terminal_for_token(session: Session, token: str) -> Terminal | None:
    """The active terminal holding this token."""
    terminal = session.scalar(select(Terminal).where(Terminal.token_hash == hash_token(token)))
    return terminal if terminal is not None and terminal.active else None


def _checked_name(name: str) -> str:
    name = name.strip()
    if not name:
        raise InvalidInput("is required", field="name")
    if len(name) > NAME_LENGTH:
        raise InvalidInput("must be text of at most %(n)s characters", field="name", n=NAME_LENGTH)
    if CONTROL.search(name):
        raise InvalidInput("must not contain control characters", field="name")
    return name


def _checked_reader(reader_name: str) -> str:
    reader_name = reader_name.strip()
    if len(reader_name) > READER_NAME_LENGTH:
        raise InvalidInput("must be text of at most %(n)s characters", field="reader_name", n=READER_NAME_LENGTH)
    if CONTROL.search(reader_name):
        raise InvalidInput("must not contain control characters", field="reader_name")
    return reader_name


def _reader_free(session: Session, reader_name: str, terminal_id: int | None) -> None:
    """One reader, one counter: a tap must never reach two screens."""
    if not reader_name:
        return
    others = select(Terminal.name, Terminal.reader_name).where(Terminal.active.is_(True), Terminal.reader_name != "")
    if terminal_id is not None:
        others = others.where(Terminal.id != terminal_id)
    for other, theirs in session.execute(others.order_by(Terminal.name)):
        if theirs == EVERY_READER:
            raise Conflict("terminal %(name)s takes every card reader; name its own reader first",
                           code="reader_taken", field="reader_name", name=other)
        if reader_name == EVERY_READER:
            raise Conflict("terminal %(name)s has a card reader of its own, so no terminal may take every reader",
                           code="reader_taken", field="reader_name", name=other)
        if theirs == reader_name:
            raise Conflict("card reader %(reader)s belongs to terminal %(name)s", code="reader_taken",
                           field="reader_name", reader=reader_name, name=other)


def _name_free(session: Session, name: str) -> None:
    if session.scalar(select(Terminal.id).where(Terminal.name == name)) is not None:
        raise Conflict("terminal %(name)s already exists", code="terminal_exists", name=name)


def _locked(session: Session, terminal_id: int) -> Terminal:
    found = session.scalar(select(Terminal).where(Terminal.id == terminal_id).with_for_update())
    if found is None:
        raise NotFound("there is no such terminal", code="terminal_not_found")
    return found
