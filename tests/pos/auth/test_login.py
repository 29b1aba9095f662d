"""Staff sign in, see the dashboard in Chinese, and sign out."""


def test_login_page_is_chinese_by_default(client):
    page = client.get("/login").get_data(as_text=True)
    assert "员工登录" in page
    assert 'lang="zh-CN"' in page


def test_manager_signs_in_and_sees_the_dashboard(client, auth):
    response = auth.login("manager")
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    page = client.get("/").get_data(as_text=True)
    assert "已售餐数" in page and "垫付补贴" in page


def test_wrong_password_is_refused_in_plain_words(client, auth, make):
    make.user(username="li", role="cashier", password="right-pass")
    response = client.post("/login", data={"username": "li", "password": "wrong-pass"})
    assert response.status_code == 401
    assert "用户名或密码错误。" in response.get_data(as_text=True)


def test_english_is_one_click_away(client, auth):
    auth.login("manager")
    client.get("/locale/en")
    assert "Meals served" in client.get("/").get_data(as_text=True)


def test_signed_out_user_is_sent_to_login(client, auth):
    auth.login("cashier")
    auth.logout()
    response = client.get("/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


def test_login_never_redirects_off_site(client, make):
    make.user(username="wang", role="manager", password="secret-pass")
    response = client.post("/login?next=//evil.example/x", data={"username": "wang", "password": "secret-pass"})
    assert response.headers["Location"] == "/"


def test_csrf_is_required_on_the_real_form(app, make):
    app.config["WTF_CSRF_ENABLED"] = True
    make.user(username="zhao", role="manager", password="secret-pass")
    response = app.test_client().post("/login", data={"username": "zhao", "password": "secret-pass"})
    assert response.status_code == 400
    assert "表单已过期，请刷新页面后重试。" in response.get_data(as_text=True)


def test_a_cashier_lands_in_the_cashier_screen(client, auth):
    response = auth.login("cashier")
    assert response.headers["Location"] == "/counter"
