"""Staff and terminals from the browser, as an admin and as a cashier (Chromium at the till's 1366x768)."""
from __future__ import annotations

import io

import pytest
import zxingcpp
from PIL import Image

from tests.browser.conftest import TILL
from tests.browser.counter_page import TIMEOUT_MS, CounterPage

pytestmark = pytest.mark.browser


@pytest.fixture
def open_page(browser):
    """New pages, each in its own browser context (its own cookies), closed at the end; no script errors allowed."""
    contexts, errors = [], []

    def open_(token: str | None = None):
        context = browser.new_context(viewport=TILL, locale="zh-CN")
        if token:
            context.add_init_script(f"localStorage.setItem('canteen.terminalToken', {token!r});")
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        return page

    yield open_
    for context in contexts:
        context.close()
    assert errors == [], f"JavaScript errors on the page: {errors}"


@pytest.fixture
def admin(live, make, open_page):
    """An admin signed in on the back office."""
    base, _token = live
    make.user(username="boss", role="admin", password="admin-pass-1")
    page = open_page()
    sign_in(page, base, "boss", "admin-pass-1")
    return page


def sign_in(page, base: str, username: str, password: str, next_page: str = "/") -> None:
    page.goto(f"{base}/login?next={next_page}")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.click("button[type=submit]")


def shot(page, artifacts, name: str) -> None:
    page.screenshot(path=str(artifacts / f"back-office-{name}.png"), full_page=True)


def test_an_admin_adds_a_cashier_who_signs_in(live, admin, open_page, artifacts):
    base, token = live
    admin.click("nav >> text=员工")
    assert admin.url == f"{base}/staff/"
    shot(admin, artifacts, "staff-list")
    admin.click("text=添加员工")
    admin.fill("#username", "liming")
    admin.fill("#display_name", "李明")
    admin.select_option("#role", "cashier")
    admin.fill("#password", "counter-pass")
    admin.fill("#repeat_password", "counter-past")
    admin.click("button.primary")
    assert admin.inner_text(".flash.error") == "没有保存任何修改。 再次输入密码: 与上面输入的密码不一致"
    assert (admin.input_value("#username"), admin.input_value("#display_name")) == ("liming", "李明")
    shot(admin, artifacts, "staff-new-refused")
    admin.fill("#password", "counter-pass")
    admin.fill("#repeat_password", "counter-pass")
    admin.uncheck("input[name=must_change_password]")
    admin.click("button.primary")
    assert admin.inner_text(".flash.ok") == "liming 现在可以作为收银员登录了。"
    assert "李明" in admin.inner_text("table.staff")
    cashier = CounterPage(open_page(token), base).sign_in("liming", "counter-pass")
    assert cashier.page.inner_text("header .who") == "李明"


def test_a_reset_password_must_be_changed_at_the_next_sign_in(live, admin, make, open_page, artifacts):
    base, token = live
    make.user(username="liming", role="cashier", password="counter-pass")
    cashier = CounterPage(open_page(token), base).sign_in("liming", "counter-pass")
    admin.goto(f"{base}/staff/")
    admin.click("tr:has(td.username:text-is('liming')) >> text=新密码")
    admin.fill("#password", "temporary-9")
    admin.fill("#repeat_password", "temporary-9")
    shot(admin, artifacts, "staff-password")
    admin.click("button.primary")
    assert "下次登录时须改为自己的密码" in admin.inner_text(".flash.ok")
    assert "须设置新密码" in admin.inner_text("tr:has(td.username:text-is('liming'))")
    cashier.page.reload()
    assert cashier.page.url.startswith(f"{base}/login")  # the reset ended the counter's sign-in
    page = cashier.page
    sign_in(page, base, "liming", "temporary-9", "/counter")
    assert page.url == f"{base}/password?next=/counter"
    assert "您的密码是管理员设置的" in page.inner_text("main")
    page.goto(f"{base}/counter")
    assert page.url == f"{base}/password?next=/counter"  # nothing else opens first
    page.fill("#current_password", "temporary-9")
    page.fill("#new_password", "12345678")
    page.fill("#repeat_password", "12345678")
    page.click("button.primary")
    assert "新密码: 太容易被猜到" in page.inner_text(".flash.error")
    shot(page, artifacts, "password-forced")
    page.fill("#current_password", "temporary-9")
    page.fill("#new_password", "my-own-choice")
    page.fill("#repeat_password", "my-own-choice")
    page.click("button.primary")
    page.wait_for_selector("body[data-ready=true]")
    assert page.url == f"{base}/counter"


def test_a_registered_terminal_shows_its_token_once_and_sets_a_counter_up(live, admin, make, open_page, artifacts):
    base, _token = live
    admin.goto(f"{base}/terminals/")
    admin.fill("#name", "门口收银台")
    admin.click("text=登记并显示令牌")
    token = admin.input_value("#token")
    assert len(token) == 43 and "令牌只显示这一次。" in admin.inner_text("main")
    qr = Image.open(io.BytesIO(admin.locator("#token-qr").screenshot()))
    assert [code.text for code in zxingcpp.read_barcodes(qr)] == [token]
    shot(admin, artifacts, "terminal-registered")
    admin.reload()
    assert admin.url == f"{base}/terminals/"
    assert token not in admin.content() and "门口收银台" in admin.inner_text("table.terminals")
    admin.click("tr:has(td.name:text-is('门口收银台')) >> text=改名")
    admin.fill("#name", "")
    admin.click("button.primary")
    assert admin.inner_text(".reason") == "必须填写"
    admin.fill("#name", "2号收银台")
    shot(admin, artifacts, "terminal-rename")
    admin.click("button.primary")
    assert admin.inner_text(".flash.ok") == "终端已改名为 2号收银台。"
    make.user(username="liming", role="cashier", password="counter-pass")
    counter = open_page()  # a new counter: no token yet
    sign_in(counter, base, "liming", "counter-pass", "/counter")
    counter.wait_for_selector("#terminal-token")
    assert counter.evaluate("document.activeElement.id") == "terminal-token"
    counter.keyboard.type(token)  # as a keyboard-wedge scanner types the QR code
    counter.keyboard.press("Enter")
    counter.wait_for_selector("body[data-ready=true]")
    assert counter.evaluate("localStorage.getItem('canteen.terminalToken')") == token


def test_revoking_a_terminal_refuses_its_next_api_call(live, admin, counter, artifacts):
    base, _token = live
    admin.goto(f"{base}/terminals/")
    admin.click("tr:has(td.name:text-is('counter-1')) >> text=吊销")
    assert "此操作无法撤销" in admin.inner_text("main")
    shot(admin, artifacts, "terminal-revoke")
    admin.click("button.primary")
    assert "已吊销" in admin.inner_text("tr:has(td.name:text-is('counter-1'))")
    shot(admin, artifacts, "terminals")
    with counter.page.expect_response(lambda r: "/api/v1/" in r.url) as answer:
        counter.scan("04A1B2C3")
    assert (answer.value.status, answer.value.json()["error"]["code"]) == (401, "terminal_unauthorized")
    counter.page.wait_for_selector("#terminal-token")  # the counter asks for a token again


def test_a_cashier_opening_staff_gets_403(live, counter, artifacts):
    base, _token = live
    response = counter.page.goto(f"{base}/staff/")
    assert response.status == 403
    assert "您没有权限进行此操作。" in counter.page.inner_text("main")
    shot(counter.page, artifacts, "staff-403")


def test_the_admins_start_page_links_their_work(live, admin, artifacts):
    base, _token = live
    assert admin.url == f"{base}/"
    assert admin.inner_text("header nav").split()[:17] == ["概览", "菜单", "菜品", "居民", "饭卡", "订餐", "厨房备餐",
                                                          "送餐", "消费记录", "报表与结算", "数据上报", "异常核查",
                                                          "审计日志", "员工", "终端", "设置", "补贴政策"]
    shot(admin, artifacts, "dashboard-admin")
