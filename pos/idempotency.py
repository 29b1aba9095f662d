"""Idempotent requests, as payment systems do them.

The terminal makes a key before sending and reuses it on every retry. The
first result is stored in the same transaction as the work, and a retry with
the same key and body gets that result again; the same key with another body
is refused.

The key is claimed before the work starts, so a retry racing its original
waits for it (PostgreSQL holds the second insert of a key until the first
transaction ends) and then answers with its result, instead of doing the work
again against the wallet the original has just spent. A refusal is not
stored: its transaction rolls back with the claim, and a retry tries afresh.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import DateTime, String, Text, UniqueConstraint, func, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from pos.clock import utc_now
from pos.db import Base, insert_if_missing
from pos.errors import Conflict, InvalidInput

# A claimed key's status while its work runs (never seen outside that transaction), and once answered.
PENDING, DONE = 0, 201


class IdempotentRequest(Base):
    """The first answer to a request key, kept to answer its retries."""

    __tablename__ = "idempotent_request"
    __table_args__ = (UniqueConstraint("scope", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    scope: Mapped[str] = mapped_column(String(40))
    key: Mapped[str] = mapped_column(String(80))
    request_hash: Mapped[str] = mapped_column(String(64))
    status: Mapped[int]
    response: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now, server_default=func.now())


@dataclass(frozen=True)
class RequestKey:
    """A request's idempotency key and the fingerprint of what it asked, checked before anything is done."""

    key: str
    fingerprint: str

    @classmethod
    def of(cls, body: dict) -> RequestKey:
        """The key and fingerprint of a request body, or a refusal naming `idempotency_key`."""
        return cls(check_key(body.get("idempotency_key")), fingerprint(body))


@dataclass(frozen=True)
class Answer:
    """What a keyed request answers: the first time, or `replayed` for a retry."""

    payload: dict
    replayed: bool = False


def check_key(key: object) -> str:
    """A usable key: 8 to 80 printable characters."""
    if not isinstance(key, str) or not 8 <= len(key) <= 80 or not key.isprintable():
        raise InvalidInput("must be a string of 8 to 80 characters, made once per request", field="idempotency_key")
    return key


def fingerprint(body: dict) -> str:
    """A hash of the request body without its key."""
    rest = {k: v for k, v in body.items() if k != "idempotency_key"}
    return hashlib.sha256(json.dumps(rest, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def once(session: Session, scope: str, request: RequestKey, work: Callable[[], dict]) -> Answer:
    """Do `work` once per key; a retry gets the first answer again."""
    if not insert_if_missing(session, IdempotentRequest, scope=scope, key=request.key,
                             request_hash=request.fingerprint, status=PENDING, response="", created_at=utc_now()):
        return _first_answer(session, scope, request)
    payload = work()
    table = IdempotentRequest.__table__
    session.execute(update(table).where(table.c.scope == scope, table.c.key == request.key)
                    .values(status=DONE, response=json.dumps(payload, ensure_ascii=False)))
    return Answer(payload)


def _first_answer(session: Session, scope: str, request: RequestKey) -> Answer:
    """The stored answer of a key claimed and committed by an earlier request."""
    earlier = session.execute(select(IdempotentRequest.request_hash, IdempotentRequest.response).where(
        IdempotentRequest.scope == scope, IdempotentRequest.key == request.key)).one()
    if earlier.request_hash != request.fingerprint:
        raise Conflict("this idempotency key was used for a different request", code="idempotency_conflict")
    return Answer(json.loads(earlier.response), replayed=True)
