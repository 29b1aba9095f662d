"""Signing in on /me with card number and PIN: one answer for every refusal, guessing limited, sign-ins ended."""
import re
from datetime import timedelta

from sqlalchemy import func, select, update

from pos.clock import utc_now
from pos.credentials.models import Card
from pos.me.session import SESSION_KEY
from pos.residents.models import Resident
from pos.signins import secrets
from pos.signins.models import SignIn, SignInAttempt
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
    assert stored.startswith(secrets.METHOD) and PIN not in stored  # scrypt in the app: tests/pos/signins
    short = api.post(f"/api/v1/residents/{resident.id}/pin", {"pin": "123"})
    assert (short.status_code, short.get_json()["error"]["code"]) == (422, "invalid_input")
    assert api.post(f"/api/v1/residents/{resident.id}/pin", {"pin": "1234567"}).status_code == 422
    assert api.post(f"/api/v1/residents/{resident.id}/pin", {"pin": 1234}).status_code == 422


ONE_ANSWER = "卡号或密码不对。已挂失的卡、没设密码的卡都不能登录，请到食堂柜台办理"


def test_five_wrong_pins_lock_the_card_for_15_minutes(client, resident, database):
    tries = [sign_in(client, pin="0000") for _ in range(5)]
    assert [r.status_code for r in tries] == [401] * 5
    assert all(ONE_ANSWER in r.get_data(as_text=True) for r in tries)  # no count of tries left to learn from
    sixth = sign_in(client, pin="0000")
    assert sixth.status_code == 429
    assert "登录失败次数太多，请 15 分钟后再试" in sixth.get_data(as_text=True)
    assert sign_in(client).status_code == 429  # even the right PIN, while locked
    with database.unit_of_work() as session:
        assert session.scalar(select(func.count()).select_from(SignInAttempt)) == 5  # the lock did not grow
        session.execute(update(SignInAttempt).values(at=utc_now() - timedelta(minutes=15)))
    assert sign_in(client).status_code == 302


def test_the_right_pin_forgets_the_cards_failures(client, resident, database):
    for _ in range(4):
        sign_in(client, pin="9999")
    assert sign_in(client).status_code == 302
    assert [sign_in(client, pin="9999").status_code for _ in range(5)] == [401] * 5  # five more, not one


def test_one_answer_for_an_unknown_card_a_wrong_pin_no_pin_and_a_lost_card(client, make, api, resident):
    other = make.resident(name="王建国")
    api.post("/api/v1/cards", {"resident_id": other, "uid": "04D5E6F7"})  # no PIN set
    api.post("/api/v1/cards", {"resident_id": resident.id, "uid": "04AAAAAA"})
    api.post("/api/v1/cards/04AAAAAA/lost", {})  # a second card of 张桂兰, lost: her right PIN
    cards = ["04FFFFFF", "not a card", resident.uid, "04D5E6F7", "04AAAAAA"]
    answers = [sign_in(client, card=card, pin="0000" if card == resident.uid else PIN) for card in cards]
    assert [r.status_code for r in answers] == [401] * 5
    assert all(ONE_ANSWER in r.get_data(as_text=True) for r in answers)
    # The very same page, but for the card number the form gives back and the time in the form's token.
    pages = {re.sub(r'name="csrf_token" value="[^"]*"', "", r.get_data(as_text=True)).replace(card, "")
             for r, card in zip(answers, cards)}
    assert len(pages) == 1


def test_one_address_may_not_try_card_after_card(app, make, api):
    for n in range(21):
        resident = make.resident(name=f"居民{n}")
        api.post("/api/v1/cards", {"resident_id": resident, "uid": f"05{n:06X}"})
        api.post(f"/api/v1/residents/{resident}/pin", {"pin": "2580"})
    browser = app.test_client()
    answers = [sign_in(browser, card=f"05{n:06X}", pin="1111").status_code for n in range(21)]
    assert answers == [401] * 20 + [429]
    other_address = app.test_client()
    refused = other_address.post("/me/sign-in", data={"card": "05000014", "pin": "2580"},
                                 environ_base={"REMOTE_ADDR": "10.0.0.9"})
    assert refused.status_code == 302  # another address, the right PIN: in


def test_a_lost_card_ends_its_sign_ins_and_signs_in_nowhere(phone, api, resident):
    copied = phone.get_cookie("session").value
    assert phone.get("/me/pass.json").status_code == 200
    api.post(f"/api/v1/cards/{resident.uid}/lost", {})
    assert phone.get("/me/pass.json").status_code == 401
    phone.set_cookie("session", copied)
    assert phone.get("/me").headers["Location"] == "/me/sign-in"
    assert sign_in(phone).status_code == 401


def test_reporting_the_card_lost_on_the_phone_signs_that_phone_out(phone, resident, database):
    with database.unit_of_work() as session:
        card_id = session.scalar(select(Card.id).where(Card.uid == resident.uid))
    assert phone.post("/me/lost", data={"card_id": card_id}).headers["Location"] == "/me"
    follow = phone.get("/me")
    assert follow.headers["Location"] == "/me/sign-in"
    assert "卡已挂失" in phone.get("/me/sign-in").get_data(as_text=True)


def test_a_copied_cookie_is_dead_after_sign_out(phone):
    copied = phone.get_cookie("session").value
    phone.post("/me/sign-out")
    phone.set_cookie("session", copied)
    assert phone.get("/me/pass.json").status_code == 401
    assert phone.get("/me/pass").headers["Location"] == "/me/sign-in"


def test_an_idle_phone_signs_in_again(phone, database):
    assert phone.get("/me").status_code == 200
    with database.unit_of_work() as session:
        session.execute(update(SignIn).values(seen_at=utc_now() - timedelta(minutes=15)))
    assert phone.get("/me").headers["Location"] == "/me/sign-in"


def test_a_resident_marked_moved_away_is_signed_out(phone, manager_api, resident):
    changed = manager_api.post(f"/api/v1/residents/{resident.id}/status",
                               {"status": "moved_away", "date": "2026-11-01"})
    assert changed.status_code == 200
    assert phone.get("/me").headers["Location"] == "/me/sign-in"


def test_a_new_pin_signs_out_the_old_sessions(api, phone, resident):
    assert phone.get("/me").status_code == 200
    api.post(f"/api/v1/residents/{resident.id}/pin", {"pin": "135790"})
    assert phone.get("/me").headers["Location"] == "/me/sign-in"


def test_sign_out(phone):
    assert phone.post("/me/sign-out").headers["Location"] == "/me/sign-in"
    assert phone.get("/me").status_code == 302
