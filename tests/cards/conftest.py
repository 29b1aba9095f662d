"""Fixtures for the cards tests: a real pcscd, emulated cards, running reader watchers."""

from collections.abc import Callable, Iterator

import pytest

from cards.pcsc import ReaderWatcher
from tests.support.reader_events import RecordedEvents

StartWatcher = Callable[..., tuple[ReaderWatcher, RecordedEvents]]


@pytest.fixture
def start_watcher(pcscd) -> Iterator[StartWatcher]:  # noqa: F811  (the fixture)
    """Start ReaderWatchers recording their events; all are stopped after the test."""
    watchers: list[ReaderWatcher] = []

    def start(
        events: RecordedEvents | None = None, **options: object
    ) -> tuple[ReaderWatcher, RecordedEvents]:
        events = RecordedEvents() if events is None else events
        watcher = ReaderWatcher(events, poll_seconds=0.1, retry_seconds=0.1, **options)
        watchers.append(watcher)
        watcher.start()
        return watcher, events

    yield start
    for watcher in watchers:
        watcher.stop()
