"""The feed page: a manager makes a closed day's feed, downloads each file and its signature, and sees the pushes."""
from __future__ import annotations

import hashlib
import hmac
import json
import re
from datetime import timezone

from pos.feed.models import FeedPushAttempt
from tests.pos.feed.conftest import AFTER, KEY


def test_only_managers_see_it(client, auth):
    auth.login("cashier")
    assert client.get("/feed/").status_code == 403
    assert client.post("/feed/make", data={"day": "2026-11-20"}).status_code == 403


def test_make_a_days_feed_and_download_it_with_its_signature(app, client, auth, planted):
    auth.login("manager")
    page = client.get("/feed/").get_data(as_text=True)
    assert "还没有生成过上报数据。" in page
    response = client.post("/feed/make", data={"day": "2026-11-20", "format": "csv"})
    assert (response.status_code, response.headers["Location"]) == (302, "/feed/")
    page = client.get("/feed/").get_data(as_text=True)
    links = re.findall(r'<a href="/feed/files/([^"]+)">', page)
    names = ["feed-main-2026-11-20-records.csv", "feed-main-2026-11-20-totals.csv"]
    assert links == [names[0], names[0] + ".sig", names[1], names[1] + ".sig"]
    for name in names:
        content = client.get(f"/feed/files/{name}")
        signature = client.get(f"/feed/files/{name}.sig")
        assert content.headers["Content-Disposition"] == f"attachment; filename={name}"
        assert signature.mimetype == "application/json"
        stated = json.loads(signature.data)
        assert stated["signature"] == hmac.new(KEY.encode(), content.data, hashlib.sha256).hexdigest()
        assert stated["period"] == "2026-11-20"
    assert client.get("/feed/files/feed-main-2026-11-20-records.csv").data.startswith("record_id/记录编号,".encode())


def test_refusals_show_on_the_page(client, auth):
    auth.login("manager")
    client.post("/feed/make", data={"month": "2099-12"})
    page = client.get("/feed/").get_data(as_text=True)
    assert "2099-12" in page and "2099-12-31" in page and 'class="flash error"' in page
    client.post("/feed/make", data={"month": "12/2099"})
    assert "YYYY-MM" in client.get("/feed/").get_data(as_text=True)


def test_nothing_but_feed_files_is_served(app, client, auth):
    auth.login("manager")
    folder = app.extensions["canteen_config"].instance_path
    folder.mkdir(parents=True, exist_ok=True)
    assert client.get("/feed/files/secret_key").status_code == 404
    assert client.get("/feed/files/..%2Fsecret_key").status_code == 404
    assert client.get("/feed/files/feed-main-2026-11-20-records.jsonl").status_code == 404  # not made


def test_the_pushes_are_listed(app, client, auth, database):
    auth.login("manager")
    with database.unit_of_work() as session:
        for attempt, status, error in ((1, None, "timed out"), (2, 200, "")):
            session.add(FeedPushAttempt(attempted_at=AFTER.astimezone(timezone.utc), period="2026-11",
                                        file_name="feed-main-2026-11-records.jsonl", url="https://platform.example.cn/f",
                                        attempt=attempt, status_code=status, error=error, bytes=1234,
                                        sha256="ab" * 32))
    page = client.get("/feed/").get_data(as_text=True)
    rows = re.findall(r"<tr><td>([^<]+)</td><td>2026-11</td><td>feed-main-2026-11-records.jsonl</td>\s*"
                      r"<td>(\d)</td><td class=\"(\w+)\">([^<]*)</td>", page)
    assert [(when, attempt, css, answer.strip()) for when, attempt, css, answer in rows] == [
        ("2026-12-01 10:00:00", "2", "ok", "200"), ("2026-12-01 10:00:00", "1", "error", "timed out")]
