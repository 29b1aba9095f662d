"""Watch PC/SC readers in a background thread and report taps as events.

pyscard's own monitors die when pcscd goes away, so the watcher runs its own
loop on the low-level API: list the readers, then block in
SCardGetStatusChange for at most `poll_seconds`, which returns as soon as a
card arrives or leaves. When pcscd disappears the context is dropped and
re-established every `retry_seconds` until pcscd is back. Nothing raises out
of the thread: every failure becomes an event (see cards.events), in order:

    pcsc_available, reader_online, card_inserted | card_error, card_removed,
    reader_offline (after card_removed if a card was on it), pcsc_unavailable

`on_event` runs on the watcher thread: hand events on (a queue) and return.
"""

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from smartcard import scard

from cards import events
from cards.apdu import CardRead, read_card
from cards.errors import CardUnreadable
from cards.events import ReaderEvent, ReaderStatus, utc_now
from cards.pcsc_api import PcscApi

log = logging.getLogger(__name__)

# Results meaning pcscd itself is gone, not just one reader or card.
_SERVICE_LOST = {
    scard.SCARD_E_NO_SERVICE,
    scard.SCARD_E_SERVICE_STOPPED,
    scard.SCARD_F_COMM_ERROR,
    scard.SCARD_E_INVALID_HANDLE,
    scard.SCARD_W_SECURITY_VIOLATION,  # what a client sees while pcscd shuts down
}
_CARD_GONE = {scard.SCARD_W_REMOVED_CARD, scard.SCARD_E_NO_SMARTCARD}
_QUIET = {scard.SCARD_S_SUCCESS, scard.SCARD_E_TIMEOUT, scard.SCARD_E_CANCELLED}


class _ServiceLost(Exception):
    """pcscd stopped answering."""


@dataclass
class _Slot:
    """What the watcher thread knows about one reader."""

    state: int = scard.SCARD_STATE_UNAWARE
    present: bool = False
    uid: str | None = None


class ReaderWatcher:
    """Reports reader and card events to `on_event`, called on the watcher's own thread."""

    def __init__(
        self,
        on_event: Callable[[ReaderEvent], None],
        *,
        aid: bytes | None = None,
        poll_seconds: float = 0.2,
        retry_seconds: float = 0.5,
        clock: Callable[[], datetime] = utc_now,
        pcsc: PcscApi = scard,
    ) -> None:
        self._on_event = on_event
        self._pcsc = pcsc
        self._aid = aid
        self._poll_seconds = poll_seconds
        self._retry_seconds = retry_seconds
        self._clock = clock
        self._lock = threading.Lock()  # guards _context against stop() and _status
        self._context: int | None = None
        self._status: tuple[ReaderStatus, ...] = ()
        self._available: bool | None = None
        self._slots: dict[str, _Slot] = {}
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Start watching in a background thread; does nothing if already watching."""
        if self._thread is not None and self._thread.is_alive():
            return
        self._slots, self._available = {}, None  # report everything afresh
        self._publish()
        self._stopping.clear()
        self._thread = threading.Thread(target=self._run, name="reader-watcher", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 2.0) -> None:
        """Stop watching and wait for the thread to end."""
        self._stopping.set()
        with self._lock:
            if self._context is not None:
                self._pcsc.SCardCancel(self._context)  # wake a blocked SCardGetStatusChange
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def status(self) -> list[ReaderStatus]:
        """The readers seen now and their cards; empty while pcscd is unavailable."""
        with self._lock:
            return list(self._status)

    @property
    def running(self) -> bool:
        """Whether the watcher thread is alive."""
        return self._thread is not None and self._thread.is_alive()

    @property
    def available(self) -> bool:
        """Whether pcscd answered the last time the watcher asked."""
        return bool(self._available)

    def _run(self) -> None:
        while not self._stopping.is_set():
            try:
                self._poll()
            except _ServiceLost:
                self._lose_service("The card reader service (pcscd) stopped.")
            except Exception:  # the last line of defence: the watcher must outlive surprises
                log.exception("reader watcher failed; reconnecting to pcscd")
                self._lose_service("The card reader service failed unexpectedly.")
        self._release_context()

    def _poll(self) -> None:
        context = self._context if self._context is not None else self._connect()
        if context is None:
            self._stopping.wait(self._retry_seconds)
            return
        self._sync_readers(self._list_readers(context))
        if not self._slots:
            self._stopping.wait(self._poll_seconds)
            return
        wanted = [(name, slot.state) for name, slot in self._slots.items()]
        result, states = self._pcsc.SCardGetStatusChange(
            context, int(self._poll_seconds * 1000), wanted
        )
        self._check(result)
        if result != scard.SCARD_S_SUCCESS:
            return
        for name, state, _atr in states:
            self._on_state(context, name, state)

    def _connect(self) -> int | None:
        result, context = self._pcsc.SCardEstablishContext(scard.SCARD_SCOPE_USER)
        if result == scard.SCARD_E_NO_SERVICE:
            self._set_available(False, "The card reader service (pcscd) is not running.")
            return None
        if result != scard.SCARD_S_SUCCESS:
            reason = self._pcsc.SCardGetErrorMessage(result)
            self._set_available(False, f"The card reader service refused to connect ({reason}).")
            return None
        with self._lock:
            self._context = context
        self._set_available(True, None)
        return context

    def _list_readers(self, context: int) -> list[str]:
        result, names = self._pcsc.SCardListReaders(context, [])
        if result == scard.SCARD_E_NO_READERS_AVAILABLE:
            return []
        self._check(result)
        return list(names) if result == scard.SCARD_S_SUCCESS else list(self._slots)

    def _sync_readers(self, names: list[str]) -> None:
        for name in [name for name in self._slots if name not in names]:
            self._drop_reader(name)
        for name in names:
            if name not in self._slots:
                self._slots[name] = _Slot()
                self._emit(events.READER_ONLINE, name)
        self._publish()

    def _on_state(self, context: int, name: str, state: int) -> None:
        slot = self._slots[name]
        was_counter, slot.state = slot.state >> 16, state & ~scard.SCARD_STATE_CHANGED
        present = bool(state & scard.SCARD_STATE_PRESENT)
        # pcscd counts insertions and removals in the high 16 bits: a quick
        # remove-and-tap between two polls shows as a new count, not an absence.
        swapped = slot.present and present and (state >> 16) != was_counter
        if slot.present and (not present or swapped):
            self._remove_card(name)
        if present and not slot.present:
            self._insert_card(context, name)

    def _insert_card(self, context: int, name: str) -> None:
        slot = self._slots[name]
        slot.present = True
        try:
            read = read_over_pcsc(self._pcsc, context, name, self._aid)
        except CardUnreadable as exc:
            self._emit(events.CARD_ERROR, name, message=exc.message)
        else:
            slot.uid = read.uid
            self._emit(events.CARD_INSERTED, name, uid=read.uid, card_number=read.card_number)
        self._publish()

    def _remove_card(self, name: str) -> None:
        slot = self._slots[name]
        slot.present, slot.uid = False, None
        self._emit(events.CARD_REMOVED, name)
        self._publish()

    def _drop_reader(self, name: str) -> None:
        if self._slots[name].present:
            self._remove_card(name)
        del self._slots[name]
        self._emit(events.READER_OFFLINE, name)

    def _lose_service(self, message: str) -> None:
        for name in list(self._slots):
            self._drop_reader(name)
        self._publish()
        self._release_context()
        self._set_available(False, message)
        self._stopping.wait(self._retry_seconds)

    def _release_context(self) -> None:
        with self._lock:
            context, self._context = self._context, None
        if context is not None:
            self._pcsc.SCardReleaseContext(context)  # fails harmlessly once pcscd is gone

    def _set_available(self, available: bool, message: str | None) -> None:
        if available != self._available:
            self._available = available
            kind = events.PCSC_AVAILABLE if available else events.PCSC_UNAVAILABLE
            self._emit(kind, None, message=message)

    def _check(self, result: int) -> None:
        if result in _SERVICE_LOST:
            raise _ServiceLost
        if result not in _QUIET:
            log.info("PC/SC: %s (%08X)", self._pcsc.SCardGetErrorMessage(result), result)
            self._stopping.wait(self._poll_seconds)  # a reader vanished mid-call: list again

    def _publish(self) -> None:
        snapshot = tuple(
            ReaderStatus(name, slot.present, slot.uid) for name, slot in sorted(self._slots.items())
        )
        with self._lock:
            self._status = snapshot

    def _emit(self, kind: str, reader: str | None, **details: str | None) -> None:
        event = ReaderEvent(kind, reader, at=self._clock(), **details)
        try:
            self._on_event(event)
        except Exception:  # a failing listener must not stop the readers being watched
            log.exception("reader event listener failed on %s", event)


def read_over_pcsc(pcsc: PcscApi, context: int, reader: str, aid: bytes | None) -> CardRead:
    """Connect to the card on a reader, read it, and leave it be; raises CardUnreadable."""
    result, card, protocol = pcsc.SCardConnect(
        context, reader, scard.SCARD_SHARE_SHARED, scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1
    )
    _raise_unreadable(pcsc, result)
    try:
        return read_card(lambda apdu: _transmit(pcsc, card, protocol, apdu), aid)
    finally:
        pcsc.SCardDisconnect(card, scard.SCARD_LEAVE_CARD)


def _transmit(pcsc: PcscApi, card: int, protocol: int, apdu: bytes) -> bytes:
    result, response = pcsc.SCardTransmit(card, protocol, list(apdu))
    _raise_unreadable(pcsc, result)
    return bytes(response)


def _raise_unreadable(pcsc: PcscApi, result: int) -> None:
    if result == scard.SCARD_S_SUCCESS:
        return
    if result in _CARD_GONE:
        raise CardUnreadable("The card was taken away before it could be read. Tap it again.")
    reason = pcsc.SCardGetErrorMessage(result)
    raise CardUnreadable(f"The card could not be read ({reason}). Tap it again.")
