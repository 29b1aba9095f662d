"""The hub's fan-out, fed events by hand (no watcher): each reader's taps reach the streams that follow it, only."""
from datetime import UTC, datetime

import pytest

from cards.events import ReaderEvent
from pos.reader.hub import NO_READER, ReaderHub, follows

AT = datetime(2026, 11, 30, 3, 45, tzinfo=UTC)
DOOR, WINDOW = "ACS ACR122U PICC Interface 00 00", "ACS ACR122U PICC Interface 01 00"


def tap(reader: str, uid: str) -> ReaderEvent:
    return ReaderEvent("card_inserted", reader, uid=uid, at=AT)


def drained(subscription) -> list[tuple[str, str | None, str | None]]:
    """What the stream would send now: (kind, reader, uid) of each queued event."""
    items = []
    while (item := subscription.get(timeout=0)) is not None:
        items.append((item["kind"], item["reader"], item["uid"]))
    return items


@pytest.fixture
def hub():
    """A hub that never starts a watcher: the tests are the watcher."""
    return ReaderHub(False)


def test_a_tap_reaches_only_the_counter_that_names_its_reader(hub):
    door, window, keyboard_only = hub.subscribe(1, DOOR), hub.subscribe(2, WINDOW), hub.subscribe(3, "")
    for event in (ReaderEvent("reader_online", DOOR, at=AT), ReaderEvent("reader_online", WINDOW, at=AT),
                  tap(DOOR, "04A1B2C3"), tap(WINDOW, "04D4E5F6"), ReaderEvent("card_removed", DOOR, at=AT)):
        hub.on_event(event)
    assert drained(door) == [("reader_online", DOOR, None), ("card_inserted", DOOR, "04A1B2C3"),
                             ("card_removed", DOOR, None)]
    assert drained(window) == [("reader_online", WINDOW, None), ("card_inserted", WINDOW, "04D4E5F6")]
    assert drained(keyboard_only) == []


def test_every_reader_and_the_pcsc_service_itself(hub):
    alone, window, none = hub.subscribe(1, "*"), hub.subscribe(2, WINDOW), hub.subscribe(3, "")
    hub.on_event(tap(DOOR, "04A1B2C3"))
    hub.on_event(ReaderEvent("pcsc_unavailable", None, message="The card reader service (pcscd) stopped.", at=AT))
    assert drained(alone) == [("card_inserted", DOOR, "04A1B2C3"), ("pcsc_unavailable", None, None)]
    assert drained(window) == [("pcsc_unavailable", None, None)]  # pcscd going away is every reader's news
    assert drained(none) == []


def test_names_match_exactly_never_by_prefix():
    assert follows(DOOR, DOOR)
    assert not follows("ACS ACR122U PICC Interface", DOOR)  # the same model at the next counter would match too
    assert not follows(DOOR, DOOR.lower())
    assert not follows(WINDOW, DOOR)
    assert follows("*", DOOR) and follows(WINDOW, None)
    assert not follows("", DOOR) and not follows("", None)


def test_each_counter_sees_the_status_of_its_own_reader(hub):
    hub.on_event(ReaderEvent("reader_online", DOOR, at=AT))
    hub.on_event(ReaderEvent("reader_online", WINDOW, at=AT))
    hub.on_event(tap(WINDOW, "04D4E5F6"))
    door = {"name": DOOR, "online": True, "card_present": False, "uid": None}
    window = {"name": WINDOW, "online": True, "card_present": True, "uid": "04D4E5F6"}
    assert hub.status(DOOR)["readers"] == [door]
    assert hub.status(WINDOW)["readers"] == [window]
    assert hub.status("*")["readers"] == hub.status()["readers"] == [door, window]
    assert hub.status("Virtual PCD 00 00")["readers"] == []  # named but not plugged in: the counter says "not connected"
    assert hub.status("") == {"enabled": False, "watching": False, "pcsc_available": None, "message": NO_READER,
                              "readers": []}


def test_the_readers_seen_now_are_those_online(hub):
    hub.on_event(ReaderEvent("reader_online", WINDOW, at=AT))
    hub.on_event(ReaderEvent("reader_online", DOOR, at=AT))
    hub.on_event(ReaderEvent("reader_offline", WINDOW, at=AT))
    assert hub.reader_names() == [DOOR]
