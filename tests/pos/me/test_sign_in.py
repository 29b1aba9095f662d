"""Signing in on /me with card number and PIN; five wrong PINs lock it for 15 minutes."""
from datetime import timedelta

from pos.clock import as_utc, utc_now
from pos.me.session import SESSION_KEY
from pos.residents.models import Resident
from tests.pos.me.conftest import PIN


def sign_in(browser, card="04A1B2C3", pin=PIN):
    return browser.post("/me/sign-in", data={"card": card, "pin": pin})


def test_the_sign_in_page_is_in_chinese(client):
    page = client.get("/me/sign-in")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "卡号" in text and "密码" in text and "我的饭卡" in text


def test_without_a_sign_in_the_pages_send_you_to_it(client):
    assert client.get("/me").headers["Location"] == "/me/sign-in"
    assert client.get("/me/pass").headers["Location"] == "/me/sign-in"
    assert client.get("/me/pass.json").status_code == 401


def test_a_resident_session_is_not_a_staff_login(phone):
    with phone.session_transaction() as session:
        assert set(session) >= {SESSION_KEY} and "_user_id" not in session
    assert phone.get("/").headers["Location"].startswith("/login")


def test_the_pin_is_set_at_the_counter_hashed(api, resident, database):
    with database.unit_of_work() as session:
        stored = session.get(Resident, resident.id).pin_hash
    assert stored.startswith("scrypt:") and PIN not in stored
    short = api.post(f"/api/v1/residents/{resident.id}/pin", {"pin": "123"})
    assert (short.status_code, short.get_json()["error"]["code"]) == (422, "invalid_input")
    assert api.post(f"/api/v1/residents/{resident.id}/pin", {"pin": "1234567"}).status_code == 422
    assert api.post(f"/api/v1/residents/{resident.id}/pin", {"pin": 1234}).status_code == 422


def test_five_wrong_pins_lock_the_page_for_15_minutes(client, resident, database):
    tries = [sign_in(client, pin="0000") for _ in range(4)]
    assert [r.status_code for r in tries] == [401] * 4
    assert "还可以试 1 次" in tries[-1].get_data(as_text=True)
    fifth = sign_in(client, pin="0000")
    assert fifth.status_code == 429
    assert "15 分钟后再试" in fifth.get_data(as_text=True)
    right = sign_in(client)
    assert right.status_code == 429  # even the right PIN, while locked
    with database.unit_of_work() as session:
        locked_until = as_utc(session.get(Resident, resident.id).pin_locked_until)
        assert timedelta(minutes=14) < locked_until - utc_now() <= timedelta(minutes=15)
        session.get(Resident, resident.id).pin_locked_until = utc_now() - timedelta(seconds=1)
    assert sign_in(client).status_code == 302


def test_the_right_pin_resets_the_count(client, resident, database):
    for _ in range(3):
        sign_in(client, pin="9999")
    assert sign_in(client).status_code == 302
    with database.unit_of_work() as session:
        assert session.get(Resident, resident.id).pin_failures == 0


def test_unknown_cards_and_unset_pins_are_refused(client, make, api):
    assert sign_in(client, card="04FFFFFF").status_code == 401
    assert "卡号或密码不对" in sign_in(client, card="not a card").get_data(as_text=True)
    other = make.resident(name="王建国")
    api.post("/api/v1/cards", {"resident_id": other, "uid": "04D5E6F7"})
    assert "还没有设置密码" in sign_in(client, card="04D5E6F7").get_data(as_text=True)


def test_a_new_pin_signs_out_the_old_sessions(api, phone, resident):
    assert phone.get("/me").status_code == 200
    api.post(f"/api/v1/residents/{resident.id}/pin", {"pin": "135790"})
    assert phone.get("/me").headers["Location"] == "/me/sign-in"


def test_sign_out(phone):
    assert phone.post("/me/sign-out").headers["Location"] == "/me/sign-in"
    assert phone.get("/me").status_code == 302
