"""A family member signs in on /me by phone number and PIN, under the resident PIN's limits on guessing, and sees
only the residents linked to them."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest
from sqlalchemy import select

from pos.family.services import FamilyIn, add_family_member, set_family_pin
from pos.signins.models import SignIn
from tests.pos.family.conftest import PHONE, PIN

NOW = datetime(2026, 12, 1, 2, 0, tzinfo=timezone.utc)


@pytest.fixture
def son(database, family) -> int:
    return add_family_member(database, family.zhang, FamilyIn("李强", PHONE, "儿子", PIN), family.staff, NOW)["id"]


def sign_in(browser, phone=PHONE, pin=PIN):
    return browser.post("/me/sign-in", data={"family-phone": phone, "family-pin": pin})


def test_the_sign_in_page_has_the_family_form(client):
    text = client.get("/me/sign-in").get_data(as_text=True)
    assert 'name="family-phone"' in text and 'name="card"' in text


def test_a_family_member_signs_in_and_sees_their_relative_only(app, family, son, database):
    browser = app.test_client()
    assert sign_in(browser, phone="139 1234 5678").headers["Location"] == "/me"
    text = browser.get("/me").get_data(as_text=True)
    assert "李强" in text and "张桂兰" in text and "（儿子）" not in text and "(儿子)" in text
    assert "\u00a530.00" in text and "王建国" not in text
    assert browser.get("/me/pass").headers["Location"] == "/me"  # the resident's own pages are not theirs
    assert browser.get(f"/me/residents/{family.zhang}/meals").status_code == 200
    refused = browser.get(f"/me/residents/{family.wang}/meals")
    assert refused.status_code == 403
    assert "只能查看和预订与您关联的居民的餐" in refused.get_data(as_text=True)
    with database.reader() as session:
        held = session.scalars(select(SignIn)).one()
        assert (held.family_member_id, held.resident_id, held.staff_id) == (son, None, None)


def test_wrong_pins_are_limited_as_a_resident_s_are(client, family, son):
    tries = [sign_in(client, pin="0000") for _ in range(5)]
    assert [r.status_code for r in tries] == [401] * 5
    assert "手机号或密码不对" in tries[0].get_data(as_text=True)
    assert sign_in(client).status_code == 429  # even the right PIN, while locked


def test_an_unknown_number_gets_the_same_answer(client, family, son):
    for phone in ("13800000000", "12345"):
        response = sign_in(client, phone=phone)
        assert response.status_code == 401 and "手机号或密码不对" in response.get_data(as_text=True)


def test_a_new_pin_signs_their_phones_out(app, database, family, son):
    browser = app.test_client()
    sign_in(browser)
    set_family_pin(database, son, "97531", family.staff, NOW)
    assert browser.get("/me").headers["Location"] == "/me/sign-in"
    assert sign_in(browser, pin="97531").status_code == 302
