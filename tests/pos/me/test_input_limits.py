"""The resident page's forms refuse what no card number, PIN or card id is, by name, before any lookup."""
from __future__ import annotations

import re

from tests.pos.me.conftest import PIN


def refusal(response) -> tuple[int, list[str]]:
    return response.status_code, re.findall(r'<p class="flash error">([^<]*)</p>', response.get_data(as_text=True))


def test_a_card_number_with_a_control_character_or_a_pin_too_long_is_refused(client, resident):
    control = client.post("/me/sign-in", data={"card": "04A1B2C3\x00", "pin": PIN})
    assert refusal(control) == (400, ["卡号: 不能包含控制字符"])
    long_pin = client.post("/me/sign-in", data={"card": resident.uid, "pin": PIN + "123"})
    assert refusal(long_pin) == (400, ["密码: 必须是不超过 6 个字符的文字"])
    essay = client.post("/me/sign-in", data={"card": "0" * 65, "pin": PIN})
    assert refusal(essay) == (400, ["卡号: 必须是不超过 64 个字符的文字"])
    assert client.get("/me").headers["Location"] == "/me/sign-in"  # not signed in


def test_a_card_id_beyond_a_database_integer_changes_nothing(api, resident, phone):
    # PostgreSQL refuses to compare an integer column with 10**20: a 500, without the form's check.
    response = phone.post("/me/lost", data={"card_id": "1" + "0" * 20})
    assert (response.status_code, response.headers["Location"]) == (302, "/me")
    assert api.get(f"/api/v1/cards/{resident.uid}/history").get_json()["status"] == "active"
