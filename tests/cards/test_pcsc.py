"""The reader watcher against a real pcscd, its virtual reader and emulated cards."""

from datetime import UTC, datetime

import pytest

from cards.events import ReaderEvent, ReaderStatus
from tests.support.emulated_card import DEFAULT_AID, ERROR, GARBAGE, READER_NAME, VANISH
from tests.support.pcsc import card_present, wait_until
from tests.support.reader_events import RecordedEvents

pytestmark = pytest.mark.pcsc

AT = datetime(2026, 1, 5, 11, 30, tzinfo=UTC)


def test_a_tap_is_reported_with_the_card_uid(start_watcher, emulated_card) -> None:
    watcher, events = start_watcher(clock=lambda: AT)
    events.wait_for("reader_online", READER_NAME)
    emulated_card("04A1B2C3").start()
    # pcscd polls vpcd every 400 ms; the watcher wakes as soon as pcscd sees the card.
    assert events.wait_for("card_inserted", READER_NAME, timeout=1.5) == ReaderEvent(
        "card_inserted", READER_NAME, uid="04A1B2C3", at=AT
    )
    assert ReaderStatus(READER_NAME, True, "04A1B2C3") in watcher.status()


def test_a_card_already_on_the_reader_is_reported_at_start(start_watcher, emulated_card) -> None:
    emulated_card("04A1B2C3").start()
    assert wait_until(card_present, 5)
    _, events = start_watcher()
    assert events.wait_for("card_inserted", READER_NAME).uid == "04A1B2C3"
    assert events.kinds(READER_NAME) == ["reader_online", "card_inserted"]


def test_lifting_the_card_is_reported(start_watcher, emulated_card) -> None:
    watcher, events = start_watcher()
    events.wait_for("reader_online", READER_NAME)
    card = emulated_card("04112233445566")
    card.start()
    events.wait_for("card_inserted", READER_NAME)
    card.stop()
    removed = events.wait_for("card_removed", READER_NAME)
    assert (removed.kind, removed.reader, removed.uid) == ("card_removed", READER_NAME, None)
    assert ReaderStatus(READER_NAME, False, None) in watcher.status()


def test_a_cpu_card_gives_its_card_number(start_watcher, emulated_card) -> None:
    _, events = start_watcher(aid=DEFAULT_AID)
    events.wait_for("reader_online", READER_NAME)
    emulated_card("04112233445566", card_number="310001").start()
    inserted = events.wait_for("card_inserted", READER_NAME)
    assert (inserted.uid, inserted.card_number) == ("04112233445566", "310001")


@pytest.mark.parametrize(
    ("behaviour", "message"),
    [
        (GARBAGE, "The card gave a garbled answer when asked for its UID."),
        (ERROR, "The card refused to give its UID (status 6A81)."),
        (
            VANISH,
            "The card stopped answering when asked for its UID: taken away too soon? Tap it again.",
        ),
    ],
)
def test_a_bad_card_is_a_card_error(start_watcher, emulated_card, behaviour, message) -> None:
    watcher, events = start_watcher()
    events.wait_for("reader_online", READER_NAME)
    card = emulated_card("04A1B2C3", behaviour=behaviour)
    card.start()
    error = events.wait_for("card_error", READER_NAME)
    assert (error.reader, error.uid, error.message) == (READER_NAME, None, message)
    card.stop()
    events.wait_for("card_removed", READER_NAME)
    assert "card_inserted" not in events.kinds()
    assert watcher.running


def test_the_watcher_outlives_pcscd_stopping_and_starting(
    start_watcher, emulated_card, own_pcscd
) -> None:
    watcher, events = start_watcher()
    events.wait_for("reader_online", READER_NAME)
    own_pcscd.stop()
    assert events.wait_for("reader_offline", READER_NAME).reader == READER_NAME
    unavailable = events.wait_for("pcsc_unavailable")
    assert unavailable.message == "The card reader service (pcscd) stopped."
    assert (watcher.running, watcher.available, watcher.status()) == (True, False, [])

    own_pcscd.start()
    events.wait_for("pcsc_available")
    events.wait_for("reader_online", READER_NAME)
    emulated_card("04A1B2C3").start()
    assert events.wait_for("card_inserted", READER_NAME).uid == "04A1B2C3"


def test_the_watcher_waits_for_pcscd_to_start(start_watcher, emulated_card, own_pcscd) -> None:
    own_pcscd.stop()
    watcher, events = start_watcher()
    unavailable = events.wait_for("pcsc_unavailable")
    assert unavailable.message == "The card reader service (pcscd) is not running."
    own_pcscd.start()
    events.wait_for("reader_online", READER_NAME)
    emulated_card("04A1B2C3").start()
    assert events.wait_for("card_inserted", READER_NAME).uid == "04A1B2C3"
    assert watcher.available


class BrokenListener(RecordedEvents):
    """Records events, then fails on every card."""

    def __call__(self, event: ReaderEvent) -> None:
        super().__call__(event)
        if event.kind == "card_inserted":
            raise RuntimeError("the listener broke")


def test_a_failing_listener_does_not_stop_the_watcher(start_watcher, emulated_card) -> None:
    watcher, events = start_watcher(BrokenListener())
    events.wait_for("reader_online", READER_NAME)
    first = emulated_card("04A1B2C3")
    first.start()
    events.wait_for("card_inserted", READER_NAME)
    first.stop()
    events.wait_for("card_removed", READER_NAME)
    emulated_card("04D5E6F7").start()
    assert events.wait_for("card_inserted", READER_NAME).uid == "04D5E6F7"
    assert watcher.running
