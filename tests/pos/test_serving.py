"""Serving a lunch rush: threads, reader streams and connections sized together; no stall, no 500."""
from __future__ import annotations

import http.client
import json
import threading
from datetime import date

import pytest

from pos import create_app, db
from pos.app import config_for_tests
from pos.serving import capacity_problems, create_server
from tests.support.connections import HoldAtFirstConnection
from tests.support.races import at_once


class Till:
    """A counter talking HTTP to the real server: its own terminal token and signed-in cashier."""

    def __init__(self, port: int, token: str) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}

    def post(self, path: str, body: dict) -> tuple[int, dict, dict]:
        self.conn.request("POST", path, body=json.dumps(body), headers=self.headers)
        response = self.conn.getresponse()
        data = json.loads(response.read() or b"{}")
        if cookie := response.getheader("Set-Cookie"):
            self.headers["Cookie"] = cookie.split(";", 1)[0]
        return response.status, data, dict(response.getheaders())


@pytest.fixture
def served(app):
    """The app behind the server `canteen serve` runs, with its default threads; yields its port."""
    config = app.extensions["canteen_config"]
    server = create_server(app, "127.0.0.1", 0, config.threads)
    stopping = threading.Event()

    def run():
        try:
            server.run()
        except OSError:  # the loop was in select() when the test closed the server under it
            if not stopping.is_set():
                raise

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    yield server.effective_port
    stopping.set()
    server.close()
    server.task_dispatcher.shutdown()
    thread.join(10)


@pytest.mark.parametrize("tills", [16, 32])
def test_every_counter_at_once_is_served_without_a_stall(app, make, database, served, tills):
    threads = app.extensions["canteen_config"].threads
    make.canteen()
    dish = make.dish(price_fen=900)
    cards = [make.card(make.resident(born=date(1960, 5, 5), balance_fen=5000), uid=f"0B{n:06X}") for n in range(tills)]
    counters = []
    for n in range(tills):
        make.user(username=f"rush-{n}", role="cashier", password="secret-pass")
        till = Till(served, make.terminal())
        assert till.post("/api/v1/session", {"username": f"rush-{n}", "password": "secret-pass"})[0] == 200
        assert till.post("/api/v1/shifts", {"opening_float_fen": 0})[0] == 201  # a sale needs an open shift
        counters.append(till)
    # Every server thread holds its first connection at the same instant; a request needing a second would wait
    # for a pool that has none to spare, and the hold would break.
    hold = HoldAtFirstConnection(database.engine, parties=min(tills, threads))
    try:
        answers = at_once([lambda t=t, c=c, n=n: t.post("/api/v1/sales", {
            "idempotency_key": f"rush-key-{n}", "credential": {"card_uid": c}, "meal_period": "lunch",
            "items": [{"dish_id": dish, "qty": 1}]}) for n, (t, c) in enumerate(zip(counters, cards))])
    finally:
        hold.close()
    assert [status for status, _, _ in answers] == [201] * tills, [body for _, body, _ in answers]
    assert not hold.barrier.broken
    assert sorted(body["balance_after_fen"] for _, body, _ in answers) == [4100] * tills


def test_a_request_that_gets_no_connection_in_time_is_told_to_retry(database_url, tmp_path, make_app, monkeypatch):
    monkeypatch.setattr(db, "POOL_WAIT_SECONDS", 0.2)
    app = make_app(db_pool=1, threads=1, reader_streams=0)
    database = app.extensions["canteen_db"]
    with database.engine.connect():  # someone holds the only connection
        response = app.test_client().get("/api/v1/reader/status", headers={"Authorization": "Bearer x"})
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "2"
    assert response.get_json()["error"]["code"] == "busy"
    assert "没有保存" in response.get_json()["error"]["message"]


def test_capacity_is_checked_together():
    assert capacity_problems(16, 8, 16) == []
    assert capacity_problems(12, 8, 12) == []
    assert capacity_problems(16, 8, 15) == [
        "16 threads share 15 database connections, so requests would wait for one: "
        "set CANTEEN_DB_POOL to at least 16 (or leave it unset)"]
    assert capacity_problems(16, 13, 16) == [
        "16 threads with up to 13 reader streams leave fewer than 4 threads for requests: "
        "raise CANTEEN_THREADS to at least 17 or lower CANTEEN_READER_STREAMS"]


def test_serve_refuses_a_combination_that_can_stall(make_app):
    app = make_app(threads=16, reader_streams=8, db_pool=10)
    result = app.test_cli_runner().invoke(args=["serve", "--port", "1"])
    assert result.exit_code == 1
    assert "cannot serve: 16 threads share 10 database connections" in result.output
    result = app.test_cli_runner().invoke(args=["serve", "--threads", "10", "--port", "1"])
    assert "cannot serve: 10 threads with up to 8 reader streams" in result.output


@pytest.fixture
def make_app(database_url, tmp_path):
    """Apps on the test database with their own serving settings."""
    apps = []

    def build(**settings):
        apps.append(create_app(config_for_tests(database_url, tmp_path / f"instance-{len(apps)}", **settings)))
        return apps[-1]

    yield build
    for app in apps:
        app.extensions["canteen_db"].dispose()
