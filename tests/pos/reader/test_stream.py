"""The reader stream over an in-memory PC/SC service: events, status, token, heartbeats, slots."""
import pytest

from pos.reader import api as reader_api
from pos.reader.hub import ReaderHub
from tests.pos.reader.sse import EventReader
from tests.support.emulated_card import EmulatedCard
from tests.support.fake_pcsc import READER
from tests.support.pcsc import wait_until


@pytest.fixture
def hub(app, fake_pcsc):
    """The app's reader hub, on the fake service, with quick polls and heartbeats."""
    the_hub = ReaderHub(True, fake_pcsc, poll_seconds=0.05, retry_seconds=0.05, max_streams=2,
                        heartbeat_seconds=0.3)
    reader_api.init_app(app, the_hub)
    yield the_hub
    the_hub.stop()


@pytest.fixture
def token(make) -> str:
    return make.terminal()


def open_stream(client, path):
    response = client.get(path, buffered=False)
    return response, EventReader(response.response)


def end(response, events, hub) -> None:
    """End the stream from the server side, then close it (the test client reads on another thread)."""
    hub.end_streams()
    assert wait_until(lambda: events.ended, 3.0)
    response.close()


def test_taps_reach_the_stream_as_events(client, hub, fake_pcsc, token):
    response, events = open_stream(client, f"/api/v1/reader/events?token={token}")
    assert response.status_code == 200 and response.mimetype == "text/event-stream"
    assert response.headers["Cache-Control"] == "no-cache"
    status = events.wait_for("status")
    assert (status.data["kind"], status.data["enabled"]) == ("status", True)
    events.wait_for("reader_online", reader=READER)
    fake_pcsc.put(READER, EmulatedCard("04A1B2C3"))
    inserted = events.wait_for("card_inserted")
    assert {k: inserted.data[k] for k in ("kind", "reader", "uid", "message")} == {
        "kind": "card_inserted", "reader": READER, "uid": "04A1B2C3", "message": None}
    assert inserted.latency < 0.5
    fake_pcsc.lift(READER)
    events.wait_for("card_removed", reader=READER)
    fake_pcsc.stop_service()
    assert events.wait_for("pcsc_unavailable").data["message"] == "The card reader service (pcscd) stopped."
    fake_pcsc.start_service()
    fake_pcsc.plug(READER)
    events.wait_for("pcsc_available")
    events.wait_for("reader_online", reader=READER)
    end(response, events, hub)
    assert hub.streams == 0


def test_the_status_names_the_readers_and_their_cards(client, hub, fake_pcsc, token):
    hub.start()
    fake_pcsc.put(READER, EmulatedCard("04A1B2C3"))
    headers = {"Authorization": f"Bearer {token}"}
    assert wait_until(lambda: client.get("/api/v1/reader/status", headers=headers).get_json()["readers"], 2.0)
    assert wait_until(lambda: client.get("/api/v1/reader/status", headers=headers).get_json()["readers"][0]["uid"]
                      == "04A1B2C3", 2.0)
    assert client.get("/api/v1/reader/status", headers=headers).get_json() == {
        "enabled": True, "watching": True, "pcsc_available": True, "message": None,
        "readers": [{"name": READER, "online": True, "card_present": True, "uid": "04A1B2C3"}]}
    fake_pcsc.unplug(READER)
    assert wait_until(lambda: not client.get("/api/v1/reader/status", headers=headers).get_json()["readers"][0][
        "online"], 2.0)


def test_the_stream_needs_a_terminal_token(client, hub, token):
    assert client.get("/api/v1/reader/events").status_code == 401
    assert client.get("/api/v1/reader/events?token=wrong").get_json()["error"]["code"] == "terminal_unauthorized"
    response = client.get("/api/v1/reader/events", headers={"Authorization": f"Bearer {token}"}, buffered=False)
    assert response.status_code == 200
    response.close()
    assert client.get("/api/v1/reader/status").status_code == 401


def test_heartbeats_keep_an_idle_stream_open(client, hub, token):
    response, events = open_stream(client, f"/api/v1/reader/events?token={token}")
    assert events.wait_for_comment(2.0) == "heartbeat"
    end(response, events, hub)


def test_a_new_stream_past_the_limit_closes_the_oldest(client, hub, token):
    oldest, oldest_events = open_stream(client, f"/api/v1/reader/events?token={token}")
    second = client.get(f"/api/v1/reader/events?token={token}", buffered=False)
    third, third_events = open_stream(client, f"/api/v1/reader/events?token={token}")
    assert third.status_code == 200 and hub.streams == 2  # max_streams=2: each stream holds a server thread
    assert wait_until(lambda: oldest_events.ended, 3.0)  # most likely a tab closed a moment ago
    oldest.close()
    second.close()  # never read: closing it still frees its slot
    assert hub.streams == 1
    end(third, third_events, hub)
    assert hub.streams == 0


def test_without_a_reader_the_stream_says_so_and_stays_quiet(app, client, token):
    response, events = open_stream(client, f"/api/v1/reader/events?token={token}")
    status = events.wait_for("status")
    assert (status.data["enabled"], status.data["watching"], status.data["readers"]) == (False, False, [])
    end(response, events, app.extensions["canteen_reader"])
    assert events.kinds() == ["status"]
