"""The canteen's settings in Chromium: an admin renames the canteen and changes its lunch hours; the counter,
every page's header and the next receipt say the new name, and the receipt's QR code opens the public address."""
from __future__ import annotations

from urllib.parse import urlparse

import pytest
from sqlalchemy import select

from pos.canteens.models import Canteen
from pos.sales.models import Sale
from tests.browser.conftest import staff_page
from tests.conftest import Api
from tests.receipts.pdftools import pdf_lines, qr_texts_in_pdf

pytestmark = pytest.mark.browser
NEW_NAME = "新百汇社区便民餐厅"
PUBLIC = "https://canteen.example.cn/yaodu"
CARD_UID = "04A1B2C3"


def test_an_admin_renames_the_canteen_and_changes_lunch_and_receipts_follow(browser, live, counter, make, app,
                                                                           database, artifacts, tmp_path):
    base, token = live
    with staff_page(browser, base, make, "boss", "admin", "/settings") as page:
        page.wait_for_selector("h1:has-text('食堂设置')")
        assert page.text_content(".brand") == "测试食堂"
        assert page.input_value("#hours_lunch") == "00:00-23:59"

        # A first try with lunch running into dinner and a query on the address: refused, nothing saved.
        page.fill("#name", NEW_NAME)
        page.fill("#hours_lunch", "10:30-13:30")
        page.fill("#hours_dinner", "13:00-19:00")
        page.fill("#public_base_url", f"{PUBLIC}?from=qr")
        page.click("form[action='/settings'] button.primary")
        page.wait_for_selector(".flash.error")
        assert page.text_content("#error-hours_dinner") == "与午餐时间（10:30-13:30）重叠"
        assert page.text_content("#error-public_base_url") == "不能包含 ?、# 或用户名"
        assert page.input_value("#name") == NEW_NAME and page.text_content(".brand") == "测试食堂"
        page.screenshot(path=str(artifacts / "back-office-settings-refused.png"))

        page.fill("#hours_dinner", "16:30-19:00")
        page.fill("#public_base_url", PUBLIC)
        page.fill("#receipt_footer", "谢谢惠顾 欢迎再来")
        page.click("form[action='/settings'] button.primary")
        page.wait_for_selector(".flash.ok")
        assert page.text_content(".flash.ok") == "设置已保存。"
        assert page.text_content(".brand") == NEW_NAME and page.title() == f"食堂设置 · {NEW_NAME}"
        assert page.input_value("#hours_lunch") == "10:30-13:30"
        page.screenshot(path=str(artifacts / "back-office-settings.png"))
        page.locator("#field-sale_needs_shift").scroll_into_view_if_needed()
        page.screenshot(path=str(artifacts / "back-office-settings-receipts.png"))
        with database.unit_of_work() as session:
            canteen = session.scalars(select(Canteen)).one()
            assert (canteen.name, canteen.hours) == (NEW_NAME, "lunch=10:30-13:30,dinner=16:30-19:00")
        page.goto(f"{base}/")
        assert page.text_content(".brand") == NEW_NAME

    # The counter says the new name, and the sale's receipt prints it, its footer and the public address.
    resident = make.resident(name="王秀英", balance_fen=5000)
    make.card(resident, CARD_UID)
    dish = make.dish("红烧肉", 1200)
    counter.reload()
    assert counter.page.text_content(".brand") == NEW_NAME
    counter.scan(CARD_UID)
    counter.tap(dish)
    counter.payable("¥10.00")
    receipt_no = counter.settle()
    with database.unit_of_work() as session:
        [sale] = session.scalars(select(Sale)).all()
    assert receipt_no == f"小票号 {sale.receipt_no}"
    api = Api(app.test_client(), token).sign_in(make, username="cashier", create=False)
    response = api.get(f"/api/v1/sales/{sale.id}/receipt.pdf?paper=58")
    assert response.status_code == 200
    pdf = tmp_path / "receipt.pdf"
    pdf.write_bytes(response.data)
    lines = pdf_lines(pdf)
    assert lines[0] == NEW_NAME and lines[-1] == "谢谢惠顾 欢迎再来" and f"单号:{sale.receipt_no}" in lines
    (tmp_path / "qr").mkdir()
    [url] = qr_texts_in_pdf(pdf, tmp_path / "qr")
    assert url.startswith(f"{PUBLIC}/r/")
    check = counter.page.context.new_page()  # the proxy at the public address would strip /yaodu
    check.goto(f"{base}{urlparse(url).path.removeprefix('/yaodu')}")
    assert check.text_content(".brand") == NEW_NAME and sale.receipt_no in check.text_content("main")


def test_a_manager_opening_settings_gets_403(browser, live, make, artifacts):
    base, _token = live
    with staff_page(browser, base, make, "manager", "manager", "/") as page:
        page.wait_for_url(f"{base}/")  # the dashboard, not the sign-in form, is where the link must be missing
        page.wait_for_selector("h1")
        assert page.locator("a[href='/settings']").count() == 0
        response = page.goto(f"{base}/settings")
        assert response.status == 403
        assert page.text_content("h1") == "403" and page.text_content(".brand") == "测试食堂"
        page.screenshot(path=str(artifacts / "back-office-settings-manager-403.png"))
