"""End to end: pcscd with the virtual reader, an emulated card, waitress, and a plain HTTP client on the stream.

Skips without pcscd and vpcd unless CANTEEN_REQUIRE_PCSC=1 (see tests/support/pcsc.py).
"""
import http.client
import json
import socket
import threading
import time
import urllib.request

import pytest
import waitress

from pos.reader import api as reader_api
from pos.reader.hub import ReaderHub
from tests.pos.reader.sse import EventReader
from tests.support.emulated_card import GARBAGE, READER_NAME
from tests.support.pcsc import wait_until


class Served:
    """The app under waitress on a free localhost port, with a real reader hub."""

    def __init__(self, app, hub: ReaderHub, lookahead: int = 1) -> None:
        self.hub = hub
        # channel_request_lookahead lets waitress notice a browser that went away between writes.
        self.server = waitress.create_server(app, host="127.0.0.1", port=0, threads=4,
                                             channel_request_lookahead=lookahead)
        self.port = self.server.effective_port
        self.thread = threading.Thread(target=self.server.run, name="waitress", daemon=True)
        self.thread.start()

    def stream(self, token: str) -> tuple[socket.socket, EventReader]:
        """Subscribe like the counter's EventSource: a ticket, then a GET that stays open, the ticket in the query."""
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}/api/v1/reader/ticket", method="POST",
                                         headers={"Authorization": f"Bearer {token}"})
        with urllib.request.urlopen(request, timeout=5) as answer:
            ticket = json.load(answer)["ticket"]
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        conn.request("GET", f"/api/v1/reader/events?ticket={ticket}", headers={"Accept": "text/event-stream"})
        sock = conn.sock  # the connection lets go of it once the response says it will close
        response = conn.getresponse()
        assert (response.status, response.getheader("Content-Type")) == (200, "text/event-stream; charset=utf-8")
        return sock, EventReader(iter(response.readline, b""))

    def get(self, path: str, token: str) -> int:
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}",
                                         headers={"Authorization": f"Bearer {token}"})
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status

    def close(self) -> None:
        self.hub.stop()
        wait_until(lambda: self.hub.streams == 0, 3.0)
        self.server.close()
        self.server.task_dispatcher.shutdown()
        self.thread.join(2)


def hang_up(sock: socket.socket) -> None:
    """Close the browser tab."""
    sock.shutdown(socket.SHUT_RDWR)
    sock.close()


@pytest.fixture
def served(app, pcscd):
    hub = ReaderHub(True, None, poll_seconds=0.2, retry_seconds=0.2)  # None: pyscard's own smartcard.scard
    reader_api.init_app(app, hub)
    served = Served(app, hub)
    yield served
    served.close()


@pytest.fixture
def terminal(make) -> str:
    """A counter with the virtual reader."""
    return make.terminal(reader_name=READER_NAME)


def test_a_tap_reaches_the_browser_in_time_and_settles_a_sale(served, terminal, emulated_card, api, make):
    conn, events = served.stream(terminal)
    assert events.wait_for("status").data["enabled"] is True
    events.wait_for("reader_online", reader=READER_NAME)
    card = emulated_card("04A1B2C3")
    inserted_at = time.monotonic()
    card.start()
    tap = events.wait_for("card_inserted", timeout=3.0, reader=READER_NAME)
    from_insert = tap.arrived_monotonic - inserted_at
    print(f"\ntap latency: {tap.latency * 1000:.1f} ms from the watcher's event to the HTTP client; "
          f"{from_insert * 1000:.0f} ms from inserting the card (pcscd polls vpcd every 400 ms)")
    assert tap.data["uid"] == "04A1B2C3"
    assert tap.latency < 0.5
    assert from_insert < 1.5
    resident = make.resident(balance_fen=3000)
    make.card(resident, uid=tap.data["uid"])
    sale = api.post("/api/v1/sales", {"idempotency_key": "real-tap-0001", "meal_period": "lunch",
                                      "credential": {"card_uid": tap.data["uid"]},
                                      "items": [{"dish_id": make.dish(price_fen=1000), "qty": 1}]})
    assert (sale.status_code, sale.get_json()["balance_after_fen"]) == (201, 2200)
    card.stop()
    events.wait_for("card_removed", timeout=3.0, reader=READER_NAME)
    hang_up(conn)


def test_a_garbled_card_is_a_card_error(served, terminal, emulated_card):
    conn, events = served.stream(terminal)
    events.wait_for("reader_online", reader=READER_NAME)
    emulated_card("04A1B2C3", behaviour=GARBAGE).start()
    error = events.wait_for("card_error", timeout=3.0, reader=READER_NAME)
    assert (error.data["uid"], error.data["message"]) == (
        None, "The card gave a garbled answer when asked for its UID.")
    hang_up(conn)


def test_the_server_outlives_pcscd_stopping_and_sees_it_return(served, terminal, own_pcscd):
    conn, events = served.stream(terminal)
    events.wait_for("reader_online", reader=READER_NAME)
    own_pcscd.stop()
    assert events.wait_for("pcsc_unavailable", timeout=5.0).data["message"]
    assert served.get("/api/v1/dishes", terminal) == 200
    assert served.hub.status()["pcsc_available"] is False
    own_pcscd.start()
    events.wait_for("pcsc_available", timeout=10.0)
    events.wait_for("reader_online", timeout=10.0, reader=READER_NAME)
    assert {"name": READER_NAME, "online": True, "card_present": False, "uid": None} in served.hub.status()["readers"]
    hang_up(conn)


def test_a_browser_that_goes_away_frees_its_thread(served, terminal):
    conn, events = served.stream(terminal)
    events.wait_for("status")
    assert served.hub.streams == 1
    hang_up(conn)
    assert wait_until(lambda: served.hub.streams == 0, 3.0)


def test_without_lookahead_the_next_heartbeat_finds_the_browser_gone(app, pcscd, terminal):
    hub = ReaderHub(True, None, poll_seconds=0.2, retry_seconds=0.2, heartbeat_seconds=0.5)
    reader_api.init_app(app, hub)
    served = Served(app, hub, lookahead=0)  # as `canteen serve` runs waitress today
    try:
        sock, events = served.stream(terminal)
        events.wait_for("status")
        hang_up(sock)
        assert wait_until(lambda: hub.streams == 0, 3.0)
    finally:
        served.close()
