"""A policy pasted or uploaded on the page: line breaks as any system writes them, no other control
characters, and an id, version and name that fit the columns keeping them."""
from __future__ import annotations

import io
import re

from sqlalchemy import select

from pos.policies.models import StoredPolicy
from tests.factories import DEMO_POLICY


def flashed(response) -> tuple[int, list[str]]:
    return response.status_code, re.findall(r'class="flash error"[^>]*>([^<]*)<', response.get_data(as_text=True))


def versions(database) -> list[tuple[str, str]]:
    with database.reader() as session:
        return [(p.policy_id, p.version) for p in session.scalars(select(StoredPolicy).order_by(StoredPolicy.id))]


def test_a_pasted_policy_with_windows_line_breaks_loads(client, auth, make, database):
    make.canteen()
    auth.login("admin")
    newer = DEMO_POLICY.read_text(encoding="utf-8").replace('version = "2026.1"', 'version = "2027.1"')
    response = client.post("/policies/", data={"toml": newer.replace("\n", "\r\n")})
    assert response.status_code == 302
    assert versions(database) == [("yaodu-demo", "2026.1"), ("yaodu-demo", "2027.1")]


def test_a_control_character_or_an_id_too_long_is_refused_and_nothing_stored(client, auth, make, database):
    make.canteen()
    auth.login("admin")
    demo = DEMO_POLICY.read_text(encoding="utf-8")
    bell = demo.replace('version = "2026.1"', 'version = "2027.1"\x07')
    assert flashed(client.post("/policies/", data={"toml": bell})) == (422, ["不能包含控制字符"])
    # PostgreSQL refuses a 41-character id for its 40-character column: a 500, without the check. The policy
    # format holds ids to 32 characters, for the records that keep them.
    long_id = demo.replace('id = "yaodu-demo"', f'id = "{"y" * 41}"')
    upload = client.post("/policies/", data={"policy": (io.BytesIO(long_id.encode()), "policy.toml")},
                         content_type="multipart/form-data")
    assert flashed(upload) == (422, ["&lt;upload&gt;: invalid policy\n  policy.id: must use only a-z, 0-9, "
                                     "&#39;_&#39; and &#39;-&#39;, at most 32 characters"])
    both = demo.replace('id = "yaodu-demo"', f'id = "{"y" * 30}"').replace('"2026.1"', '"2027.01.01"')
    assert flashed(client.post("/policies/", data={"toml": both})) == (
        422, ["必须是不超过 40 个字符的文字"])
    assert versions(database) == [("yaodu-demo", "2026.1")]
