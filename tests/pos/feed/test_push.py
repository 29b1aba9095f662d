"""Pushing to the platform: a real HTTP server on this machine that fails the first POST and takes the second;
every attempt is logged and shown."""
from __future__ import annotations

import email.parser
import email.policy
import json
import threading
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from sqlalchemy import select

from pos.feed.models import FeedPushAttempt
from pos.feed.periods import day_period
from pos.feed.push import Pacing, PushRefused, push_files
from pos.feed.services import export_feed
from tests.pos.feed.conftest import AFTER, use_settings

FAST = Pacing(first_pause=0.01, timeout=10)


class Platform:
    """A receiving platform: answers each POST with the next status in `answers` (then 200), keeping what came."""

    def __init__(self, answers: list[int]) -> None:
        self.answers, self.received = list(answers), []
        platform = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - the name http.server calls
                body = self.rfile.read(int(self.headers["Content-Length"]))
                platform.received.append((self.path, dict(self.headers), body))
                status = platform.answers.pop(0) if platform.answers else 200
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/feed/v1?token=secret"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def platform():
    made = []

    def start(*answers: int) -> Platform:
        made.append(Platform(list(answers)))
        return made[-1]

    yield start
    for p in made:
        p.close()


def clock():
    moments = iter(AFTER + timedelta(seconds=i) for i in range(100))
    return lambda: next(moments)


def parts(body: bytes, content_type: str) -> dict[str, tuple[str, bytes]]:
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        f"Content-Type: {content_type}\r\n\r\n".encode() + body)
    return {part.get_param("name", header="content-disposition"): (part.get_filename(), part.get_content())
            for part in message.iter_parts()}


def attempts(database) -> list[tuple]:
    with database.reader() as session:
        return [(a.attempted_at.replace(tzinfo=timezone.utc) if a.attempted_at.tzinfo is None else a.attempted_at,
                 a.period, a.file_name, a.url, a.attempt, a.status_code, a.error, a.bytes, a.sha256)
                for a in session.scalars(select(FeedPushAttempt).order_by(FeedPushAttempt.id))]


def test_a_failed_post_is_tried_again_and_every_attempt_logged(app, planted, database, platform, tmp_path):
    server = platform(503)
    settings = use_settings(app, feed_url=server.url)
    records, sums = export_feed(database, settings, day_period("2026-11-20"), "jsonl", tmp_path, AFTER)
    results = push_files(database, settings, [records.path, sums.path], clock(), FAST)
    assert [(r.file_name, r.delivered, r.attempts, r.status_code) for r in results] == [
        (records.path.name, True, 2, 200), (sums.path.name, True, 1, 200)]
    url = f"http://127.0.0.1:{server.server.server_address[1]}/feed/v1"  # the token in the query is not logged
    at = [AFTER + timedelta(seconds=i) for i in range(3)]
    assert attempts(database) == [
        (at[0], "2026-11-20", records.path.name, url, 1, 503, "HTTP 503 Service Unavailable", records.signed.bytes,
         records.signed.sha256),
        (at[1], "2026-11-20", records.path.name, url, 2, 200, "", records.signed.bytes, records.signed.sha256),
        (at[2], "2026-11-20", sums.path.name, url, 1, 200, "", sums.signed.bytes, sums.signed.sha256)]
    path, headers, body = server.received[1]
    assert path == "/feed/v1?token=secret"
    assert (headers["X-Feed-Signature"], headers["X-Feed-Sha256"], headers["X-Feed-Period"]) == (
        records.signed.signature, records.signed.sha256, "2026-11-20")
    sent = parts(body, headers["Content-Type"])
    assert sent["feed"] == (records.path.name, records.path.read_bytes())
    assert sent["signature"][0] == records.path.name + ".sig"
    assert json.loads(sent["signature"][1]) == json.loads(records.signature_path.read_text())


def test_three_failures_give_up_and_a_refusal_is_not_retried(app, planted, database, platform, tmp_path):
    settings = use_settings(app, feed_url=platform(500, 502, 503).url)
    records, sums = export_feed(database, settings, day_period("2026-11-20"), "csv", tmp_path, AFTER)
    results = push_files(database, settings, [records.path], clock(), FAST)
    assert [(r.delivered, r.attempts, r.status_code, r.error) for r in results] == [
        (False, 3, 503, "HTTP 503 Service Unavailable")]
    settings = use_settings(app, feed_url=platform(403).url)
    results = push_files(database, settings, [sums.path], clock(), FAST)
    assert [(r.delivered, r.attempts, r.status_code) for r in results] == [(False, 1, 403)]
    assert [(a[4], a[5]) for a in attempts(database)] == [(1, 500), (2, 502), (3, 503), (1, 403)]


def test_nobody_listening_is_logged_as_an_error(app, planted, database, tmp_path):
    settings = use_settings(app, feed_url="http://127.0.0.1:9/feed")  # the discard port: nothing answers
    records, _ = export_feed(database, settings, day_period("2026-11-20"), "jsonl", tmp_path, AFTER)
    results = push_files(database, settings, [records.path], clock(), FAST)
    assert (results[0].delivered, results[0].attempts, results[0].status_code) == (False, 3, None)
    assert [(a[4], a[5], a[6]) for a in attempts(database)] == [(i, None, "[Errno 111] Connection refused")
                                                                for i in (1, 2, 3)]


def test_only_https_leaves_the_machine(app, database, tmp_path):
    for url, message in [(None, "no address to push to: set CANTEEN_FEED_URL to the platform's HTTPS address"),
                         ("http://platform.example.cn/feed",
                          "CANTEEN_FEED_URL: expected an https:// address, got 'http://platform.example.cn/feed'")]:
        with pytest.raises(PushRefused) as caught:
            push_files(database, use_settings(app, feed_url=url), [], clock(), FAST)
        assert str(caught.value) == message


def test_the_command_exports_then_pushes(app, runner, planted, database, platform, tmp_path):
    server = platform()
    use_settings(app, feed_url=server.url)
    result = runner.invoke(args=["feed", "push", "--day", "2026-11-20", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-2:] == [
        "pushed feed-main-2026-11-20-records.jsonl: accepted (HTTP 200) after 1 attempt(s)",
        "pushed feed-main-2026-11-20-totals.jsonl: accepted (HTTP 200) after 1 attempt(s)"]
    assert len(server.received) == 2 and len(attempts(database)) == 2
    assert all(isinstance(a[0], datetime) for a in attempts(database))


def test_a_manager_pushes_a_file_from_the_page(app, client, auth, planted, database, platform):
    auth.login("manager")
    client.post("/feed/make", data={"day": "2026-11-20"})
    name = "feed-main-2026-11-20-records.jsonl"
    assert "推送到平台" not in client.get("/feed/").get_data(as_text=True)  # no address: nothing to push to
    client.post("/feed/push", data={"name": name})
    assert "CANTEEN_FEED_URL" in client.get("/feed/").get_data(as_text=True)
    server = platform(503)
    use_settings(app, feed_url=server.url)
    response = client.post("/feed/push", data={"name": name})
    assert (response.status_code, response.headers["Location"]) == (302, "/feed/")
    page = client.get("/feed/").get_data(as_text=True)
    assert f"{name} was accepted by the platform." in page or f"平台已接收 {name}。" in page
    assert [(a[2], a[4], a[5]) for a in attempts(database)] == [(name, 1, 503), (name, 2, 200)]
    assert page.count(f"<td>2026-11-20</td><td>{name}</td>") == 2
    assert client.post("/feed/push", data={"name": "../secret_key"}).status_code == 404
    assert client.post("/feed/push", data={"name": name + ".sig"}).status_code == 404
