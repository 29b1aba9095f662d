"""Stream tickets: issued to a terminal that shows its token in a header, spent by the URL of one stream.

A ticket is good for TICKET_SECONDS and one stream. Spending it is a single UPDATE that only
matches an unspent, unexpired ticket of an active terminal, so of two requests racing with the
same ticket (in one process or two) exactly one gets the stream. Issuing one deletes the expired.
"""
from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from pos.errors import N_, CanteenError
from pos.reader.models import StreamTicket
from pos.terminals.models import Terminal
from pos.terminals.services import hash_token

TICKET_SECONDS = 30  # time enough for a page to open its stream, not for a proxy log to be read


class StreamTicketRefused(CanteenError):
    """No stream for this URL: no ticket, a terminal token instead, or a ticket spent or expired."""

    status = 401
    code = "stream_ticket_refused"


def issue_ticket(session: Session, terminal_id: int, now: datetime) -> tuple[str, datetime]:
    """A new ticket for this terminal and when it expires; the ticket is shown only this once."""
    table = StreamTicket.__table__
    session.execute(delete(table).where(table.c.expires_at <= now))
    ticket = secrets.token_urlsafe(32)
    expires_at = now + timedelta(seconds=TICKET_SECONDS)
    session.add(StreamTicket(ticket_hash=hash_token(ticket), terminal_id=terminal_id, expires_at=expires_at))
    return ticket, expires_at


def redeem_ticket(session: Session, ticket: str, now: datetime) -> int:
    """Spend a ticket; the id of its terminal, or StreamTicketRefused."""
    table = StreamTicket.__table__  # a plain UPDATE: no ORM objects to keep in step
    active = select(Terminal.id).where(Terminal.active.is_(True))
    terminal_id = session.scalar(
        update(table)
        .where(table.c.ticket_hash == hash_token(ticket), table.c.used_at.is_(None), table.c.expires_at > now,
               table.c.terminal_id.in_(active))
        .values(used_at=now).returning(table.c.terminal_id))
    if terminal_id is None:
        raise StreamTicketRefused(N_("this stream ticket is unknown, used or expired; "
                                     "ask for a new one (POST /api/v1/reader/ticket)"))
    return terminal_id
