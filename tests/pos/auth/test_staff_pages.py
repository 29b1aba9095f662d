"""The staff pages: admins only; add, new password (changed at the next sign-in), role, (de)activation."""
import re

from sqlalchemy import func, select

from pos.audit.models import AuditEntry
from pos.auth.models import User


def users(database) -> dict[str, tuple[str, bool, bool]]:
    with database.unit_of_work() as session:
        return {u.username: (u.role, u.active, u.must_change_password) for u in session.scalars(select(User))}


def new_cashier(**changes) -> dict[str, str]:
    return {"username": "liming", "display_name": "李明", "role": "cashier", "password": "counter-pass",
            "repeat_password": "counter-pass", "must_change_password": "1"} | changes


def test_only_admins_open_the_staff_pages(client, auth, make):
    auth.login("cashier")
    assert client.get("/staff/").status_code == 403
    assert client.post("/staff/new", data=new_cashier()).status_code == 403
    auth.logout()
    auth.login("manager")
    assert client.get("/staff/").status_code == 403
    assert client.get("/terminals/").status_code == 403


def test_the_list_shows_each_member_of_staff(client, auth, make):
    make.user(username="liming", role="cashier")
    auth.login("admin")
    page = client.get("/staff/").get_data(as_text=True)
    assert "员工" in page and "liming" in page and "收银员" in page and "从未登录" in page
    assert "共 2 个账号" in page
    assert re.search(r'id="staff-\d+".*?admin.*?您', page, re.S)  # one's own row, without the buttons


def test_an_admin_adds_a_cashier_who_then_chooses_a_password(app, client, auth, database):
    auth.login("admin")
    added = client.post("/staff/new", data=new_cashier())
    assert (added.status_code, added.headers["Location"]) == (302, "/staff/")
    assert "liming 现在可以作为收银员登录了。" in client.get("/staff/").get_data(as_text=True)
    assert users(database)["liming"] == ("cashier", True, True)
    cashier = app.test_client()
    signed_in = cashier.post("/login", data={"username": "liming", "password": "counter-pass"})
    assert signed_in.headers["Location"] == "/password?next=/counter"
    assert cashier.get("/counter").headers["Location"] == "/password?next=/counter"
    assert cashier.get("/password").status_code == 200
    chosen = cashier.post("/password?next=/counter", data={"current_password": "counter-pass",
                                                             "new_password": "my-own-choice",
                                                             "repeat_password": "my-own-choice"})
    assert chosen.headers["Location"] == "/counter"
    assert cashier.get("/counter").status_code == 200
    assert users(database)["liming"] == ("cashier", True, False)


def test_a_refused_new_member_keeps_what_was_typed_and_stores_nothing(client, auth, database):
    auth.login("admin")
    refused = client.post("/staff/new", data=new_cashier(password="liming12", repeat_password="liming12",
                                                         username="liming12", role="manager"))
    page = refused.get_data(as_text=True)
    assert refused.status_code == 422
    assert "没有保存任何修改。" in page and "密码: 不能与用户名相同" in page
    assert 'value="liming12"' in page and 'value="李明"' in page and '<option value="manager" selected>' in page
    assert page.count('type="password" value=""') == 2  # passwords are never sent back
    assert "liming12" not in users(database)


def test_a_taken_username_is_marked_on_its_field(client, auth, make):
    make.user(username="liming")
    auth.login("admin")
    refused = client.post("/staff/new", data=new_cashier())
    assert refused.status_code == 409
    assert "用户名: 用户 liming 已存在" in refused.get_data(as_text=True)


def test_a_reset_password_must_be_changed_at_the_next_sign_in(app, client, auth, make, database):
    cashier_id = make.user(username="liming", role="cashier", password="counter-pass").id
    browser = app.test_client()
    browser.post("/login", data={"username": "liming", "password": "counter-pass"})
    auth.login("admin")
    assert "为 liming 设置新密码" in client.get(f"/staff/{cashier_id}/password").get_data(as_text=True)
    mismatch = client.post(f"/staff/{cashier_id}/password", data={"password": "temporary-1", "repeat_password": "x"})
    assert mismatch.status_code == 422 and "再次输入密码: 与上面输入的密码不一致" in mismatch.get_data(as_text=True)
    reset = client.post(f"/staff/{cashier_id}/password", data={"password": "temporary-1",
                                                               "repeat_password": "temporary-1"})
    assert reset.headers["Location"] == "/staff/"
    assert browser.get("/counter").headers["Location"].startswith("/login")  # signed out at once
    signed_in = browser.post("/login", data={"username": "liming", "password": "temporary-1"})
    assert signed_in.headers["Location"] == "/password?next=/counter"
    assert "您的密码是管理员设置的" in browser.get("/password").get_data(as_text=True)
    assert client.get(f"/staff/{10**9}/password").status_code == 404


def test_the_api_refuses_a_password_still_to_be_changed(app, make, database):
    from tests.conftest import Api
    make.canteen()
    cashier_id = make.user(username="liming", role="cashier", password="counter-pass").id
    with database.unit_of_work() as session:
        session.get(User, cashier_id).must_change_password = True
    api = Api(app.test_client(), make.terminal())
    signed_in = api.post("/api/v1/session", {"username": "liming", "password": "counter-pass"})
    assert signed_in.get_json() == {"user": "liming", "role": "cashier", "must_change_password": True}
    refused = api.get("/api/v1/shifts/current")
    assert (refused.status_code, refused.get_json()["error"]["code"]) == (403, "password_change_required")
    assert api.get("/api/v1/dishes").status_code == 200  # what a terminal may do alone stays open


def test_changing_ones_own_password_keeps_this_sign_in_and_ends_the_others(app, client, auth):
    auth.login("manager", username="wang")
    other = app.test_client()
    other.post("/login", data={"username": "wang", "password": "secret-pass"})
    wrong = client.post("/password", data={"current_password": "guess", "new_password": "a-new-choice",
                                           "repeat_password": "a-new-choice"})
    assert wrong.status_code == 422 and "当前密码: 不是您当前的密码" in wrong.get_data(as_text=True)
    assert 'value="a-new-choice"' not in wrong.get_data(as_text=True)
    done = client.post("/password", data={"current_password": "secret-pass", "new_password": "a-new-choice",
                                          "repeat_password": "a-new-choice"})
    assert done.headers["Location"] == "/"
    assert "新密码已设置。您在其他地方的登录都已结束。" in client.get("/").get_data(as_text=True)
    assert other.get("/").status_code == 302


def test_deactivate_and_activate_from_the_list(app, client, auth, make, database):
    cashier_id = make.user(username="liming", role="cashier", password="counter-pass").id
    browser = app.test_client()
    browser.post("/login", data={"username": "liming", "password": "counter-pass"})
    auth.login("admin")
    off = client.post(f"/staff/{cashier_id}/active", data={"active": "0"})
    assert off.headers["Location"] == "/staff/"
    assert "liming 已停用，所有登录都已结束。" in client.get("/staff/").get_data(as_text=True)
    assert browser.get("/counter").status_code == 302
    assert browser.post("/login", data={"username": "liming", "password": "counter-pass"}).status_code == 401
    client.post(f"/staff/{cashier_id}/active", data={"active": "1"})
    assert users(database)["liming"] == ("cashier", True, False)


def test_an_admin_cannot_deactivate_or_demote_themself(client, auth, make, database):
    auth.login("admin")
    admin_id = users_id(database, "admin")
    own = client.post(f"/staff/{admin_id}/active", data={"active": "0"})
    assert own.status_code == 409 and "没有任何修改。 不能停用自己的账号" in own.get_data(as_text=True)
    demoted = client.post(f"/staff/{admin_id}/role", data={"role": "manager"})
    assert demoted.status_code == 409 and "不能更改自己的角色；请让另一名管理员操作" in demoted.get_data(as_text=True)
    assert users(database)["admin"] == ("admin", True, False)
    second = make.user(username="second", role="admin").id
    assert client.post(f"/staff/{second}/role", data={"role": "manager"}).status_code == 302
    assert users(database)["second"][0] == "manager"


def users_id(database, username: str) -> int:
    with database.unit_of_work() as session:
        return session.scalar(select(User.id).where(User.username == username))


def test_every_staff_action_writes_one_audit_row(client, auth, make, database):
    auth.login("admin")
    client.post("/staff/new", data=new_cashier())
    liming = users_id(database, "liming")
    client.post(f"/staff/{liming}/password", data={"password": "temporary-1", "repeat_password": "temporary-1"})
    client.post(f"/staff/{liming}/role", data={"role": "manager"})
    client.post(f"/staff/{liming}/active", data={"active": "0"})
    client.post(f"/staff/{liming}/active", data={"active": "1"})
    with database.unit_of_work() as session:
        rows = session.execute(select(AuditEntry.action, AuditEntry.staff_id).where(AuditEntry.subject == "staff",
                                                                                   AuditEntry.subject_id == str(liming))
                               .order_by(AuditEntry.id)).all()
        total = session.scalar(select(func.count()).select_from(AuditEntry))
    admin = users_id(database, "admin")
    assert rows == [("staff.created", admin), ("staff.password_set", admin), ("staff.role_changed", admin),
                    ("staff.deactivated", admin), ("staff.activated", admin)]
    assert total == 6  # and the admin's own account, made by the fixture


def test_the_forms_carry_csrf_tokens(app, make):
    app.config["WTF_CSRF_ENABLED"] = True
    make.user(username="boss", role="admin", password="secret-pass")
    browser = app.test_client()
    login_page = browser.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', login_page).group(1)
    browser.post("/login", data={"username": "boss", "password": "secret-pass", "csrf_token": token})
    form = browser.get("/staff/new").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
    assert browser.post("/staff/new", data=new_cashier()).status_code == 400
    assert browser.post("/staff/new", data=new_cashier(csrf_token=token)).status_code == 302


def test_the_staff_pages_speak_english_on_request(client, auth):
    auth.login("admin")
    client.get("/locale/en")
    page = client.get("/staff/").get_data(as_text=True)
    assert "Add a member of staff" in page and "Last sign-in" in page and re.search(r"<td>\s*Admin\s*</td>", page)
    refused = client.post("/staff/new", data=new_cashier(password="short", repeat_password="short"))
    assert "Nothing was saved." in refused.get_data(as_text=True)
    assert "Password: must be at least 8 characters" in refused.get_data(as_text=True)
