"""The reader stream over an in-memory PC/SC service: events, status, tickets, heartbeats, slots, and each
counter following only the reader its terminal names."""
import pytest

from pos.reader import api as reader_api
from pos.reader.hub import ReaderHub
from tests.pos.reader.tickets import open_stream, terminal_id, ticket
from tests.support.emulated_card import EmulatedCard
from tests.support.fake_pcsc import READER
from tests.support.pcsc import wait_until


@pytest.fixture
def hub(app, fake_pcsc):
    """The app's reader hub, on the fake service, with quick polls and heartbeats, 3 streams, 2 a terminal."""
    the_hub = ReaderHub(True, fake_pcsc, poll_seconds=0.05, retry_seconds=0.05, max_streams=3, per_terminal=2,
                        heartbeat_seconds=0.3)
    reader_api.init_app(app, the_hub)
    yield the_hub
    the_hub.stop()


@pytest.fixture
def token(make) -> str:
    """A counter with the fake service's reader."""
    return make.terminal(reader_name=READER)


def end(response, events, hub) -> None:
    """End the stream from the server side, then close it (the test client reads on another thread)."""
    hub.end_streams()
    assert wait_until(lambda: events.ended, 3.0)
    response.close()


def test_taps_reach_the_stream_as_events(client, hub, fake_pcsc, token):
    response, events = open_stream(client, token)
    assert response.mimetype == "text/event-stream"
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


def refusal(response) -> tuple[int, str]:
    return response.status_code, response.get_json()["error"]["code"]


def test_the_stream_needs_a_ticket_or_a_bearer_header(client, hub, token):
    assert refusal(client.get("/api/v1/reader/events")) == (401, "stream_ticket_required")
    assert refusal(client.post("/api/v1/reader/ticket")) == (401, "terminal_unauthorized")
    assert refusal(client.post("/api/v1/reader/ticket", headers={"Authorization": "Bearer wrong"})) == (
        401, "terminal_unauthorized")
    wrong = client.get("/api/v1/reader/events", headers={"Authorization": "Bearer wrong"})
    assert refusal(wrong) == (401, "terminal_unauthorized")
    response = client.get("/api/v1/reader/events", headers={"Authorization": f"Bearer {token}"}, buffered=False)
    assert response.status_code == 200  # a program that can send headers needs no ticket
    response.close()
    assert client.get("/api/v1/reader/status").status_code == 401


def test_a_terminal_token_in_the_url_is_refused(client, hub, token):
    refused = client.get(f"/api/v1/reader/events?token={token}")
    assert refused.status_code == 401
    assert refused.get_json() == {"error": {"code": "token_in_url", "message": (
        "终端令牌放在网址里会被代理记入日志；请先申请读卡流票据（POST /api/v1/reader/ticket），"
        "再用 ?ticket= 打开读卡流")}}
    with_a_ticket = client.get(f"/api/v1/reader/events?ticket={ticket(client, token)}&token={token}")
    assert refusal(with_a_ticket) == (401, "token_in_url")
    assert hub.streams == 0


def test_a_ticket_opens_one_stream_once(client, hub, token):
    once = ticket(client, token)
    response = client.get(f"/api/v1/reader/events?ticket={once}", buffered=False)
    assert response.status_code == 200
    again = client.get(f"/api/v1/reader/events?ticket={once}")
    assert again.status_code == 401
    assert again.get_json() == {"error": {"code": "stream_ticket_refused", "message": (
        "读卡流票据无效、已用过或已过期；请重新申请（POST /api/v1/reader/ticket）")}}
    assert hub.streams == 1
    response.close()
    assert hub.streams == 0


def test_heartbeats_keep_an_idle_stream_open(client, hub, token):
    response, events = open_stream(client, token)
    assert events.wait_for_comment(2.0) == "heartbeat"
    end(response, events, hub)


def test_a_terminal_past_its_own_limit_closes_its_own_oldest(client, hub, database, token, make):
    other = make.terminal()
    others, others_events = open_stream(client, other)
    oldest, oldest_events = open_stream(client, token)
    second = client.get(f"/api/v1/reader/events?ticket={ticket(client, token)}", buffered=False)
    third, third_events = open_stream(client, token)  # a reloaded page: the old one has not gone yet
    assert wait_until(lambda: oldest_events.ended, 3.0)
    assert (hub.streams_of(terminal_id(database, token)), hub.streams_of(terminal_id(database, other))) == (2, 1)
    assert not others_events.ended
    oldest.close()
    second.close()  # never read: closing it still frees its slot
    assert hub.streams == 2
    end(third, third_events, hub)
    assert others_events.ended and hub.streams == 0
    others.close()


def test_past_the_overall_limit_a_stream_is_refused_and_no_other_closed(client, hub, database, make):
    first, second = make.terminal(), make.terminal()
    streams = [open_stream(client, first), open_stream(client, first), open_stream(client, second)]
    refused = client.get(f"/api/v1/reader/events?ticket={ticket(client, second)}")
    assert (refused.status_code, refused.headers["Retry-After"]) == (503, "15")
    assert refused.get_json() == {"error": {"code": "reader_streams_full", "message": (
        "读卡流已被其他收银台占满，请稍后再试。")}}
    third = make.terminal()
    assert refusal(client.get(f"/api/v1/reader/events?ticket={ticket(client, third)}")) == (
        503, "reader_streams_full")
    assert [events.ended for _, events in streams] == [False, False, False]
    assert (hub.streams_of(terminal_id(database, first)), hub.streams_of(terminal_id(database, second))) == (2, 1)
    streams.append(open_stream(client, first))  # a terminal at its own limit still swaps its oldest
    assert wait_until(lambda: streams[0][1].ended, 3.0) and hub.streams == 3
    hub.end_streams()
    assert wait_until(lambda: all(events.ended for _, events in streams), 3.0)
    for response, _ in streams:
        response.close()
    assert hub.streams == 0


def test_without_a_reader_the_stream_says_so_and_stays_quiet(app, client, token):
    response, events = open_stream(client, token)
    status = events.wait_for("status")
    assert (status.data["enabled"], status.data["watching"], status.data["readers"]) == (False, False, [])
    end(response, events, app.extensions["canteen_reader"])
    assert events.kinds() == ["status"]


WINDOW = "ACS ACR122U PICC Interface 01 00"  # the same model at the second counter


def test_a_tap_reaches_only_the_counter_with_the_reader(client, hub, fake_pcsc, token, make):
    window, none = make.terminal(reader_name=WINDOW), make.terminal()
    door_response, door = open_stream(client, token)
    window_response, at_window = open_stream(client, window)
    none_response, no_reader = open_stream(client, none)
    assert no_reader.wait_for("status").data["message"] == "no card reader is named for this terminal"
    door.wait_for("reader_online", reader=READER)
    fake_pcsc.plug(WINDOW)  # plugged in while all three screens are open
    at_window.wait_for("reader_online", reader=WINDOW)
    fake_pcsc.put(WINDOW, EmulatedCard("04D4E5F6"))
    assert at_window.wait_for("card_inserted").data["uid"] == "04D4E5F6"
    fake_pcsc.put(READER, EmulatedCard("04A1B2C3"))
    assert door.wait_for("card_inserted").data["uid"] == "04A1B2C3"
    headers = {"Authorization": f"Bearer {window}"}
    assert wait_until(lambda: client.get("/api/v1/reader/status", headers=headers).get_json()["readers"] == [
        {"name": WINDOW, "online": True, "card_present": True, "uid": "04D4E5F6"}], 2.0)
    assert client.get("/api/v1/reader/status", headers={"Authorization": f"Bearer {none}"}).get_json()[
        "enabled"] is False
    for response, events in ((door_response, door), (window_response, at_window), (none_response, no_reader)):
        end(response, events, hub)
    readers = [{e.data["reader"] for e in events.events if e.kind != "status"} - {None}  # None: pcscd itself
               for events in (door, at_window)]
    assert readers == [{READER}, {WINDOW}]
    assert no_reader.kinds() == ["status"]


def test_naming_another_reader_reopens_the_stream_on_it(client, hub, fake_pcsc, database, make):
    from pos.audit import SYSTEM
    from pos.terminals.services import name_reader

    fake_pcsc.plug(WINDOW)
    token = make.terminal(reader_name=READER)
    response, events = open_stream(client, token)
    events.wait_for("reader_online", reader=READER)
    name_reader(database, terminal_id(database, token), WINDOW, SYSTEM)  # the admin moved the counter to the window
    assert wait_until(lambda: events.ended, 3.0)  # the screen opens a new stream with a new ticket
    response.close()
    response, events = open_stream(client, token)
    assert [r["name"] for r in events.wait_for("status").data["readers"]] == [WINDOW]
    fake_pcsc.put(READER, EmulatedCard("04A1B2C3"))
    fake_pcsc.put(WINDOW, EmulatedCard("04D4E5F6"))
    assert events.wait_for("card_inserted").data["reader"] == WINDOW
    end(response, events, hub)
    assert [e.data["uid"] for e in events.events if e.kind == "card_inserted"] == ["04D4E5F6"]
