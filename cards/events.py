"""What a reader watcher reports: events as they happen, and a status snapshot."""

from dataclasses import dataclass, field
from datetime import UTC, datetime

READER_ONLINE = "reader_online"
READER_OFFLINE = "reader_offline"
CARD_INSERTED = "card_inserted"
CARD_REMOVED = "card_removed"
CARD_ERROR = "card_error"  # garbled answer, error status word, card pulled mid-read
PCSC_AVAILABLE = "pcsc_available"
PCSC_UNAVAILABLE = "pcsc_unavailable"  # pcscd is not running or went away


def utc_now() -> datetime:
    """The current time, UTC-aware."""
    return datetime.now(UTC)


@dataclass(frozen=True)
class ReaderEvent:
    """One thing that happened at a reader, or to the PC/SC service (reader None)."""

    kind: str
    reader: str | None
    uid: str | None = None  # canonical hex, on card_inserted
    message: str | None = None  # plain words for card_error and pcsc_unavailable
    card_number: str | None = None  # on card_inserted, from a CPU card's application
    at: datetime = field(default_factory=utc_now)


@dataclass(frozen=True)
class ReaderStatus:
    """A reader the watcher currently sees, and the card on it."""

    reader: str
    card_present: bool = False
    uid: str | None = None  # of the present card, when it could be read
