"""A listener that records reader events, for tests that wait on a ReaderWatcher."""

from __future__ import annotations

import threading

from cards.events import ReaderEvent


class RecordedEvents:
    """Collects events from any thread; tests wait for the next one of a kind."""

    def __init__(self) -> None:
        self.events: list[ReaderEvent] = []
        self._seen = 0  # events before this index were already waited for
        self._changed = threading.Condition()

    def __call__(self, event: ReaderEvent) -> None:
        with self._changed:
            self.events.append(event)
            self._changed.notify_all()

    def wait_for(self, kind: str, reader: str | None = None, timeout: float = 5.0) -> ReaderEvent:
        """The next unseen event of `kind` (at `reader`, if given); AssertionError on timeout."""
        with self._changed:
            self._changed.wait_for(lambda: self._find(kind, reader) is not None, timeout)
            index = self._find(kind, reader)
            if index is None:
                raise AssertionError(f"no {kind} event within {timeout} s; got {self.kinds()}")
            self._seen = index + 1
            return self.events[index]

    def kinds(self, reader: str | None = None) -> list[str]:
        """The kinds of all events so far, optionally at one reader only."""
        return [e.kind for e in self.events if reader is None or e.reader == reader]

    def _find(self, kind: str, reader: str | None) -> int | None:
        for index in range(self._seen, len(self.events)):
            event = self.events[index]
            if event.kind == kind and (reader is None or event.reader == reader):
                return index
        return None
