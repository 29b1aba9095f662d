"""An in-memory PC/SC service for ReaderWatcher(pcsc=...), when no pcscd can run.

Readers are plugged and unplugged, cards put down and lifted, and the
service stopped and started, by plain method calls; the watcher sees them
through the same calls it makes to pyscard. Cards are anything with an
`answer(apdu) -> bytes | None`, such as EmulatedCard (None means it vanished).
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

import pytest
from smartcard import scard


class Card(Protocol):
    """A card as the fake reader sees it."""

    def answer(self, apdu: bytes) -> bytes | None: ...


@dataclass
class _Reader:
    card: Card | None = None
    events: int = 0  # insertions and removals, as pcscd counts them

    @property
    def state(self) -> int:
        presence: int = scard.SCARD_STATE_PRESENT if self.card else scard.SCARD_STATE_EMPTY
        return self.events << 16 | presence


class FakePcsc:
    """A PC/SC service whose readers and cards tests move by hand."""

    def __init__(self) -> None:
        self.running = True
        self._readers: dict[str, _Reader] = {}
        self._handles: dict[int, str] = {}  # connected card handle -> reader
        self._ids = itertools.count(1)
        self._cancelled: set[int] = set()
        self._changed = threading.Condition()

    # What tests do.

    def plug(self, reader: str) -> None:
        """Connect a reader."""
        self._change(lambda: self._readers.setdefault(reader, _Reader()))

    def unplug(self, reader: str) -> None:
        """Disconnect a reader, with any card on it."""
        self._change(lambda: self._readers.pop(reader))

    def put(self, reader: str, card: Card) -> None:
        """Put a card on a reader; a card already there is swapped out unseen."""
        self._change(lambda: self._set_card(reader, card))

    def lift(self, reader: str) -> None:
        """Take the card off a reader."""
        self._change(lambda: self._set_card(reader, None))

    def stop_service(self) -> None:
        """Stop the service, as when pcscd exits."""
        self._change(lambda: setattr(self, "running", False))

    def start_service(self) -> None:
        """Start the service again, with no readers until plugged."""
        self._change(self._restart)

    # The PC/SC calls.

    def SCardEstablishContext(self, scope: int) -> tuple[int, int]:  # noqa: N802
        return (0, next(self._ids)) if self.running else (scard.SCARD_E_NO_SERVICE, 0)

    def SCardReleaseContext(self, context: int) -> int:  # noqa: N802
        return self._result()

    def SCardListReaders(self, context: int, groups: list[str]) -> tuple[int, list[str]]:  # noqa: N802
        if not self.running:
            return scard.SCARD_E_NO_SERVICE, []
        if not self._readers:
            return scard.SCARD_E_NO_READERS_AVAILABLE, []
        return 0, list(self._readers)

    def SCardGetStatusChange(  # noqa: N802
        self, context: int, timeout_ms: int, states: list[tuple[str, int]]
    ) -> tuple[int, list[tuple[str, int, list[int]]]]:
        with self._changed:
            self._changed.wait_for(
                lambda: self._differs(states) or context in self._cancelled, timeout_ms / 1000
            )
            if context in self._cancelled:
                self._cancelled.discard(context)
                return scard.SCARD_E_CANCELLED, []
            if not self.running:
                return scard.SCARD_E_NO_SERVICE, []
            if any(name not in self._readers for name, _ in states):
                return scard.SCARD_E_UNKNOWN_READER, []
            if not self._differs(states):
                return scard.SCARD_E_TIMEOUT, []
            return 0, [(name, self._report(name, seen), []) for name, seen in states]

    def SCardCancel(self, context: int) -> int:  # noqa: N802
        self._change(lambda: self._cancelled.add(context))
        return 0

    def SCardConnect(  # noqa: N802
        self, context: int, reader: str, share_mode: int, protocols: int
    ) -> tuple[int, int, int]:
        if not self.running:
            return scard.SCARD_E_NO_SERVICE, 0, 0
        if reader not in self._readers or self._readers[reader].card is None:
            return scard.SCARD_E_NO_SMARTCARD, 0, 0
        handle = next(self._ids)
        self._handles[handle] = reader
        return 0, handle, scard.SCARD_PROTOCOL_T1

    def SCardTransmit(self, card: int, protocol: int, apdu: list[int]) -> tuple[int, list[int]]:  # noqa: N802
        reader = self._readers.get(self._handles.get(card, ""))
        if reader is None or reader.card is None:
            return scard.SCARD_W_REMOVED_CARD, []
        response = reader.card.answer(bytes(apdu))
        if response is None:
            self.lift(self._handles[card])
            return scard.SCARD_W_REMOVED_CARD, []
        return 0, list(response)

    def SCardDisconnect(self, card: int, disposition: int) -> int:  # noqa: N802
        self._handles.pop(card, None)
        return self._result()

    def SCardGetErrorMessage(self, result: int) -> str:  # noqa: N802
        message: str = scard.SCardGetErrorMessage(result)
        return message

    def _set_card(self, reader: str, card: Card | None) -> None:
        slot = self._readers[reader]
        # A swap is a removal and an insertion that nobody saw in between.
        slot.events += (slot.card is not None) + (card is not None)
        slot.card = card

    def _restart(self) -> None:
        self._readers.clear()
        self.running = True

    def _change(self, action: Callable[[], object]) -> None:
        with self._changed:
            action()
            self._changed.notify_all()

    def _differs(self, states: list[tuple[str, int]]) -> bool:
        if not self.running:
            return True
        return any(self._report(name, seen) & scard.SCARD_STATE_CHANGED for name, seen in states)

    def _report(self, name: str, seen: int) -> int:
        if name not in self._readers:
            gone: int = scard.SCARD_STATE_CHANGED | scard.SCARD_STATE_UNKNOWN
            return gone
        state = self._readers[name].state
        return state | scard.SCARD_STATE_CHANGED if state != seen else state

    def _result(self) -> int:
        return 0 if self.running else scard.SCARD_E_NO_SERVICE


READER = "ACS ACR122U PICC Interface 00 00"


@pytest.fixture
def fake_pcsc() -> FakePcsc:
    """An in-memory PC/SC service with one reader (READER) plugged in."""
    fake = FakePcsc()
    fake.plug(READER)
    return fake
