"""The login form refuses a username longer than its column, or holding a control character, by name."""
from __future__ import annotations

import re


def refusal(response) -> tuple[int, list[str]]:
    """The status's hundred (a 4xx) and the errors shown beside the form."""
    return response.status_code // 100 * 100, re.findall(r'<p class="flash error">([^<]*)</p>',
                                                         response.get_data(as_text=True))


def test_a_username_too_long_for_its_column_is_refused(client, make):
    make.user(username="li", role="cashier", password="right-pass")
    response = client.post("/login", data={"username": "l" * 65, "password": "right-pass"})
    assert refusal(response) == (400, ["用户名: 必须是不超过 64 个字符的文字"])
    long_password = client.post("/login", data={"username": "li", "password": "p" * 129})
    assert refusal(long_password) == (400, ["密码: 必须是不超过 128 个字符的文字"])
    assert client.get("/").status_code == 302  # not signed in


def test_a_control_character_is_refused_before_any_lookup(client, make):
    # PostgreSQL refuses NUL in any text, so the lookup itself would fail: a 500, without this check.
    make.user(username="li", role="cashier", password="right-pass")
    response = client.post("/login", data={"username": "li\x00", "password": "right-pass"})
    assert refusal(response) == (400, ["用户名: 不能包含控制字符"])
    assert client.get("/").status_code == 302
