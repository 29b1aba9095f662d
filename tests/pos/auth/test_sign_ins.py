"""Staff sign-ins end server-side, lapse when idle, and guessing a password is limited."""
from datetime import timedelta

from sqlalchemy import func, select, update

from pos.audit import SYSTEM
from pos.auth.services import set_active, set_password
from pos.clock import utc_now
from pos.signins.models import SignIn, SignInAttempt
from tests.conftest import Api


def test_a_copied_cookie_opens_nothing_after_sign_out(client, auth, make):
    auth.login("manager")
    copied = client.get_cookie("session").value
    assert client.get("/statements/").status_code == 200
    auth.logout()
    client.set_cookie("session", copied)  # the cookie as it was before signing out
    assert client.get("/statements/").headers["Location"].startswith("/login?next=")


def test_a_copied_api_cookie_opens_nothing_after_sign_out(app, make, client):
    make.canteen()
    api = Api(client, make.terminal()).sign_in(make, "manager")
    copied = client.get_cookie("session").value
    assert api.get("/api/v1/ledger/verify").status_code == 200
    client.post("/logout")
    client.set_cookie("session", copied)
    assert api.get("/api/v1/ledger/verify").status_code == 401


def test_a_new_password_ends_every_sign_in_of_the_account(app, auth, client, database):
    auth.login("manager", username="wang")
    other_browser = app.test_client()
    other_browser.post("/login", data={"username": "wang", "password": "secret-pass"})
    set_password(database, "wang", "a-new-password", SYSTEM, utc_now())
    assert client.get("/").status_code == 302
    assert other_browser.get("/").status_code == 302
    assert client.post("/login", data={"username": "wang", "password": "a-new-password"}).status_code == 302


def test_a_deactivated_account_is_signed_out_at_once(client, auth, database):
    auth.login("cashier", username="li")
    assert client.get("/counter").status_code == 200
    set_active(database, "li", False, SYSTEM, utc_now())
    assert client.get("/counter").status_code == 302
    assert client.post("/login", data={"username": "li", "password": "secret-pass"}).status_code == 401
    with database.unit_of_work() as session:
        assert session.scalar(select(SignIn.ended_because)) == "deactivated"


def test_an_idle_sign_in_lapses_after_30_minutes(client, auth, database):
    auth.login("manager")
    with database.unit_of_work() as session:
        session.execute(update(SignIn).values(seen_at=utc_now() - timedelta(minutes=29)))
    assert client.get("/").status_code == 200  # 29 minutes idle: still in, and seen again now
    with database.unit_of_work() as session:
        session.execute(update(SignIn).values(seen_at=utc_now() - timedelta(minutes=30)))
    assert client.get("/").status_code == 302


def test_five_wrong_passwords_lock_the_account_for_15_minutes(client, make, database):
    make.user(username="admin1", role="admin", password="right-password")
    wrong = [client.post("/login", data={"username": "admin1", "password": f"guess-{n}"}) for n in range(5)]
    assert [r.status_code for r in wrong] == [401] * 5
    locked = client.post("/login", data={"username": "admin1", "password": "right-password"})
    assert locked.status_code == 429
    assert "登录失败次数太多，请 15 分钟后再试" in locked.get_data(as_text=True)
    with database.unit_of_work() as session:
        session.execute(update(SignInAttempt).values(at=utc_now() - timedelta(minutes=10, seconds=30)))
    later = client.post("/login", data={"username": "admin1", "password": "right-password"})
    assert "请 5 分钟后再试" in later.get_data(as_text=True)  # the wait counts down
    with database.unit_of_work() as session:
        session.execute(update(SignInAttempt).values(at=utc_now() - timedelta(minutes=15)))
    assert client.post("/login", data={"username": "admin1", "password": "right-password"}).status_code == 302


def test_the_api_session_shares_the_accounts_limit(client, make):
    make.canteen()
    make.user(username="li", role="cashier", password="right-password")
    api = Api(client, make.terminal())
    for n in range(3):
        assert client.post("/login", data={"username": "li", "password": f"guess-{n}"}).status_code == 401
    tries = [api.post("/api/v1/session", {"username": "li", "password": f"guess-{n}"}) for n in range(2)]
    assert [t.status_code for t in tries] == [401, 401]
    locked = api.post("/api/v1/session", {"username": "li", "password": "right-password"})
    assert (locked.status_code, locked.get_json()["error"]["code"]) == (429, "too_many_attempts")
    assert locked.get_json()["error"]["message"] == "登录失败次数太多，请 15 分钟后再试"


def test_one_address_may_not_try_name_after_name(app, client, make, database):
    make.user(username="admin", role="admin", password="right-password")
    tries = [client.post("/login", data={"username": f"user{n}", "password": "x" * 8}).status_code
             for n in range(20)]
    assert tries == [401] * 20
    assert client.post("/login", data={"username": "admin", "password": "right-password"}).status_code == 429
    elsewhere = app.test_client().post("/login", data={"username": "admin", "password": "right-password"},
                                       environ_base={"REMOTE_ADDR": "10.0.0.7"})
    assert elsewhere.status_code == 302
    with database.unit_of_work() as session:
        stored = session.scalars(select(SignInAttempt.account)).all()
    assert len(stored) == 20 and not any("user" in account for account in stored)  # hashes, not what was typed


def test_a_right_password_clears_only_its_own_account(client, make, database):
    make.user(username="li", role="cashier", password="right-password")
    client.post("/login", data={"username": "zhang", "password": "guess-one"})
    client.post("/login", data={"username": "li", "password": "guess-two"})
    assert client.post("/login", data={"username": "li", "password": "right-password"}).status_code == 302
    with database.unit_of_work() as session:
        assert session.scalar(select(func.count()).select_from(SignInAttempt)) == 1  # zhang's still counts


def test_the_wait_is_also_said_in_retry_after(client, make):
    make.user(username="li", role="cashier", password="right-password")
    for n in range(5):
        client.post("/login", data={"username": "li", "password": f"guess-{n}"})
    locked = client.post("/login", data={"username": "li", "password": "right-password"})
    assert (locked.status_code, locked.headers["Retry-After"]) == (429, "900")
