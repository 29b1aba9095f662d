"""One ReaderWatcher per process, each reader's events fanned out to the screens of the terminal that names it.

The watcher thread calls `on_event`; it only updates a small status table and
appends to each subscriber's bounded buffer, so a slow or vanished browser can
never hold the watcher up. A subscriber that falls too far behind is closed
and its EventSource reconnects.

Streams are kept per terminal: a terminal may hold `per_terminal` of them (a
reloaded page briefly has two) and one more closes that terminal's oldest; the
whole process holds `max_streams` (each holds a server thread), and past that a
new stream is refused rather than taking another counter's.

Each stream follows the reader its terminal names (terminal.reader_name, read when the stream opens):
a reader's events go only to streams naming it exactly, "*" takes every reader, and "" none. The
service's own events (pcscd going away and coming back) go to every stream that follows a reader.
"""
from __future__ import annotations

import logging
import threading
from collections import deque
from typing import Any

from cards.events import ReaderEvent
from pos.terminals.models import EVERY_READER

log = logging.getLogger(__name__)
BUFFER_EVENTS = 100
STREAMS_PER_TERMINAL = 2
NO_READER = "no card reader is named for this terminal"


class StreamsFull(Exception):
    """Every stream slot is taken by other terminals; nothing was closed, try again later."""


def event_json(event: ReaderEvent) -> dict:
    """A reader event as the stream sends it."""
    return {"kind": event.kind, "reader": event.reader, "uid": event.uid, "message": event.message,
            "card_number": event.card_number, "at": event.at.isoformat()}


def follows(reader_name: str, reader: str | None) -> bool:
    """Whether a stream following `reader_name` gets the events of `reader` (None: the PC/SC service itself).

    Exact names, never a prefix: the same model at two counters differs only in its index ("00 00", "01 00").
    """
    if not reader_name:
        return False
    return reader is None or reader_name in (EVERY_READER, reader)


class Subscription:
    """One screen's queue of events, from the reader its terminal names."""

    def __init__(self, terminal_id: int, reader_name: str = "") -> None:
        self.terminal_id, self.reader_name = terminal_id, reader_name
        self._events: deque[dict] = deque()
        self._changed = threading.Condition()
        self.closed = False

    def push(self, item: dict) -> None:
        """Add an event; a subscriber too far behind is closed instead."""
        with self._changed:
            if len(self._events) >= BUFFER_EVENTS:
                self.closed = True
            else:
                self._events.append(item)
            self._changed.notify_all()

    def close(self) -> None:
        """End the stream at the next wake-up."""
        with self._changed:
            self.closed = True
            self._changed.notify_all()

    def get(self, timeout: float) -> dict | None:
        """The next event, or None after `timeout` seconds (or when closed)."""
        with self._changed:
            self._changed.wait_for(lambda: self._events or self.closed, timeout)
            return self._events.popleft() if self._events and not self.closed else None


class ReaderHub:
    """Starts the watcher once, keeps the readers' status, and fans events out."""

    def __init__(self, enabled: bool, pcsc: Any = None, *, aid: bytes | None = None, poll_seconds: float = 0.2,
                 retry_seconds: float = 1.0, max_streams: int = 8, per_terminal: int = STREAMS_PER_TERMINAL,
                 heartbeat_seconds: float = 15.0) -> None:
        self.enabled = enabled
        self.max_streams, self.per_terminal = max_streams, per_terminal
        self.heartbeat_seconds = heartbeat_seconds
        self._pcsc, self._aid = pcsc, aid
        self._timing = (poll_seconds, retry_seconds)
        self._lock = threading.Lock()
        self._watcher: Any = None
        self._terminals: dict[int, list[Subscription]] = {}  # each terminal's streams, oldest first
        self._readers: dict[str, dict] = {}
        self._available: bool | None = None
        self._message: str | None = None if enabled else "card reader is off (CANTEEN_READER=off)"

    def start(self) -> None:
        """Start the watcher if enabled and not yet running; never raises."""
        with self._lock:
            if not self.enabled or self._watcher is not None:
                return
            try:
                from smartcard import scard

                from cards.pcsc import ReaderWatcher  # imports pyscard, which may be missing
            except ImportError as exc:
                self._available, self._message = False, f"pyscard is not installed ({exc})"
                self.enabled = False
                return
            poll, retry = self._timing
            self._watcher = ReaderWatcher(self.on_event, aid=self._aid, poll_seconds=poll, retry_seconds=retry,
                                          pcsc=self._pcsc or scard)
        self._watcher.start()

    def stop(self) -> None:
        """Stop the watcher and end every stream."""
        with self._lock:
            watcher, self._watcher = self._watcher, None
        if watcher is not None:
            watcher.stop()
        self.end_streams()

    def end_streams(self) -> None:
        """Close every open stream; each generator ends at its next wake-up (within a second)."""
        for subscriber in self._all():
            subscriber.close()

    def end_streams_of(self, terminal_id: int) -> None:
        """Close one terminal's streams (it was revoked); each ends at its next wake-up."""
        with self._lock:
            own = list(self._terminals.get(terminal_id, []))
        for subscriber in own:
            subscriber.close()

    def subscribe(self, terminal_id: int, reader_name: str = "") -> Subscription:
        """A new stream for this terminal, following the reader it names; starts the watcher on first use.

        A terminal at its own limit loses its oldest stream, most likely a tab
        reloaded or closed less than a heartbeat ago that waitress has not
        noticed yet. With every slot taken by other terminals: StreamsFull.
        """
        with self._lock:
            own = self._terminals.get(terminal_id, [])
            evicted = own[: max(0, len(own) - self.per_terminal + 1)]
            if self._count() - len(evicted) >= self.max_streams:
                raise StreamsFull(f"all {self.max_streams} reader streams are taken")
            subscription = Subscription(terminal_id, reader_name)
            self._terminals[terminal_id] = own[len(evicted):] + [subscription]
        for old in evicted:
            log.info("terminal %s opened more than %s reader streams; closing its oldest", terminal_id,
                     self.per_terminal)
            old.close()
        self.start()  # even for a terminal without a reader: the terminals page lists the readers seen
        return subscription

    def unsubscribe(self, subscription: Subscription) -> None:
        """Forget a subscriber whose stream ended."""
        with self._lock:
            own = self._terminals.get(subscription.terminal_id, [])
            if subscription in own:
                own.remove(subscription)
            if not own:
                self._terminals.pop(subscription.terminal_id, None)

    @property
    def streams(self) -> int:
        """How many streams are open."""
        with self._lock:
            return self._count()

    def streams_of(self, terminal_id: int) -> int:
        """How many streams this terminal has open."""
        with self._lock:
            return len(self._terminals.get(terminal_id, []))

    def _count(self) -> int:
        return sum(len(own) for own in self._terminals.values())

    def _all(self) -> list[Subscription]:
        with self._lock:
            return [subscriber for own in self._terminals.values() for subscriber in own]

    def status(self, reader_name: str | None = None) -> dict:
        """Which readers are known, online or not, with their cards, and whether pcscd answers.

        Given a terminal's reader_name, only the readers it follows: "" is a counter without a reader,
        as when the reader is off.
        """
        if reader_name == "":
            return {"enabled": False, "watching": False, "pcsc_available": None, "message": NO_READER,
                    "readers": []}
        with self._lock:
            return {"enabled": self.enabled, "watching": bool(self._watcher and self._watcher.running),
                    "pcsc_available": self._available, "message": self._message,
                    "readers": [dict(r) for name, r in sorted(self._readers.items())
                                if reader_name is None or follows(reader_name, name)]}

    def reader_names(self) -> list[str]:
        """The readers seen now, for an admin naming a terminal's reader."""
        with self._lock:
            return [name for name, r in sorted(self._readers.items()) if name and r["online"]]

    def on_event(self, event: ReaderEvent) -> None:
        """The watcher's callback: note the event, then queue it for the streams that follow its reader."""
        item = event_json(event)
        with self._lock:
            self._note(event)
        for subscriber in self._all():
            if follows(subscriber.reader_name, event.reader):
                subscriber.push(item)

    def _note(self, event: ReaderEvent) -> None:
        if event.kind in ("pcsc_available", "pcsc_unavailable"):
            self._available, self._message = event.kind == "pcsc_available", event.message
            return
        reader = self._readers.setdefault(event.reader or "", {"name": event.reader, "online": True,
                                                              "card_present": False, "uid": None})
        if event.kind in ("reader_online", "reader_offline"):
            reader.update(online=event.kind == "reader_online", card_present=False, uid=None)
        elif event.kind in ("card_inserted", "card_error"):
            reader.update(card_present=True, uid=event.uid)
        elif event.kind == "card_removed":
            reader.update(card_present=False, uid=None)
