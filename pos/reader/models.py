"""A stream ticket: what a browser's EventSource shows instead of the terminal's token."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from pos.db import Base


class StreamTicket(Base):
    """Opens one reader event stream for its terminal, once, within seconds of being issued.

    It goes in the stream's URL (EventSource cannot send headers), where proxies log it, so it is
    worth nothing by the time anyone reads the log. The server keeps only its hash.
    """

    __tablename__ = "stream_ticket"
    __table_args__ = (Index("ix_stream_ticket_expires_at", "expires_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_hash: Mapped[str] = mapped_column(String(64), unique=True)
    terminal_id: Mapped[int] = mapped_column(ForeignKey("terminal.id"))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
