"""The reader watcher's bookkeeping, against an in-memory PC/SC service."""

from collections.abc import Iterator

import pytest

from cards.events import ReaderStatus
from cards.pcsc import ReaderWatcher
from tests.support.emulated_card import DEFAULT_AID, VANISH, EmulatedCard
from tests.support.fake_pcsc import READER, FakePcsc
from tests.support.reader_events import RecordedEvents


@pytest.fixture
def watched(fake_pcsc: FakePcsc) -> Iterator[tuple[ReaderWatcher, RecordedEvents]]:
    """A watcher on the fake service, its reader already seen."""
    events = RecordedEvents()
    watcher = ReaderWatcher(
        events, aid=DEFAULT_AID, poll_seconds=0.05, retry_seconds=0.05, pcsc=fake_pcsc
    )
    watcher.start()
    events.wait_for("reader_online", READER)
    yield watcher, events
    watcher.stop()
    assert not watcher.running


def test_an_unplugged_reader_and_its_card_go_offline_and_come_back(fake_pcsc, watched) -> None:
    watcher, events = watched
    fake_pcsc.put(READER, EmulatedCard("04A1B2C3", card_number="310001"))
    inserted = events.wait_for("card_inserted", READER)
    assert (inserted.uid, inserted.card_number) == ("04A1B2C3", "310001")
    fake_pcsc.unplug(READER)
    events.wait_for("reader_offline", READER)
    assert watcher.status() == []
    fake_pcsc.plug(READER)
    fake_pcsc.put(READER, EmulatedCard("04D5E6F7"))
    assert events.wait_for("card_inserted", READER).uid == "04D5E6F7"
    assert watcher.status() == [ReaderStatus(READER, True, "04D5E6F7")]
    assert events.kinds() == [
        "pcsc_available",
        "reader_online",
        "card_inserted",
        "card_removed",
        "reader_offline",
        "reader_online",
        "card_inserted",
    ]


def test_a_card_swapped_between_polls_is_a_removal_and_a_tap(fake_pcsc, watched) -> None:
    _, events = watched
    fake_pcsc.put(READER, EmulatedCard("04A1B2C3"))
    events.wait_for("card_inserted", READER)
    fake_pcsc.put(READER, EmulatedCard("04D5E6F7"))
    events.wait_for("card_removed", READER)
    assert events.wait_for("card_inserted", READER).uid == "04D5E6F7"


def test_a_card_pulled_mid_read_is_a_card_error(fake_pcsc, watched) -> None:
    watcher, events = watched
    fake_pcsc.put(READER, EmulatedCard("04A1B2C3", behaviour=VANISH))
    error = events.wait_for("card_error", READER)
    assert error.message == "The card was taken away before it could be read. Tap it again."
    events.wait_for("card_removed", READER)
    assert watcher.status() == [ReaderStatus(READER, False, None)]


def test_the_service_going_away_and_back_is_reported(fake_pcsc, watched) -> None:
    watcher, events = watched
    fake_pcsc.put(READER, EmulatedCard("04A1B2C3"))
    events.wait_for("card_inserted", READER)
    fake_pcsc.stop_service()
    events.wait_for("pcsc_unavailable")
    assert (watcher.available, watcher.status()) == (False, [])
    fake_pcsc.start_service()
    fake_pcsc.plug(READER)
    events.wait_for("reader_online", READER)
    assert watcher.available
    assert events.kinds()[2:] == [
        "card_inserted",
        "card_removed",
        "reader_offline",
        "pcsc_unavailable",
        "pcsc_available",
        "reader_online",
    ]
