"""The back office's sales and audit pages in Chromium: a manager lists yesterday's sales, opens one, reads its
receipt PDF, voids it with a reason (the ledger verifies clean, the wallet is whole again) and reads the audit
log, which offers nothing to change; a cashier is refused the log. Screenshots at 1366×768."""
from __future__ import annotations

from datetime import timedelta

import pytest

from pos.clock import local_date, utc_now
from pos.integrity.verify import verify_ledger
from pos.ledger.posting import wallet_of
from tests.browser.conftest import page_errors, staff_page
from tests.browser.pdf_tab import pdf_in_new_tab
from tests.support.selling import BORN_1951, Till, local


@pytest.fixture
def yesterday(app, make, live):
    """Yesterday's lunches at counter-2: 张桂兰 (75) by card from her wallet, and a walk-in paying cash."""
    till = Till.open(app, make, "counter-2", "王收银")
    resident = make.resident("张桂兰", born=BORN_1951, balance_fen=10_000)
    card = make.card(resident, "04A1B2C3")
    pork, greens = make.dish("红烧肉", 1200), make.dish("清炒油菜", 800, "vegetable")
    day = local_date(utc_now(), "Asia/Shanghai") - timedelta(days=1)
    sales = [till.sell(local(day, 11, 30), {"card_uid": card}, (pork, 1)),
             till.sell(local(day, 12, 5), {"walk_in": True}, (greens, 1), payment_method="cash")]
    return day, resident, sales


def balance(database, resident_id: int) -> int:
    with database.unit_of_work() as session:
        return wallet_of(session, resident_id).balance_fen


def test_a_manager_voids_yesterdays_sale_and_the_ledger_verifies(browser, live, make, database, yesterday,
                                                                   artifacts, tmp_path):
    base, _token = live
    day, resident, sales = yesterday
    assert balance(database, resident) == 9000
    with staff_page(browser, base, make, "经理", "manager", "/sales/") as page:
        page.wait_for_url(f"{base}/sales/")
        assert page.inner_text("#sales tbody") == "没有符合条件的消费。"  # today: nothing sold yet
        page.fill("input[name=day]", day.isoformat())
        page.click("#filters button[type=submit]")
        page.wait_for_url(f"**/sales/?day={day.isoformat()}*")
        receipts = page.locator("#sales tbody tr td:first-child").all_inner_texts()
        assert receipts == [sales[1]["receipt_no"], sales[0]["receipt_no"]]
        assert page.inner_text("#totals").split() == ["餐数", "2", "合计", "¥20.00", "补贴", "¥2.00", "实付", "¥18.00"]
        page.screenshot(path=str(artifacts / "back-office-sales-list.png"))

        page.click(f"text={sales[0]['receipt_no']}")
        page.wait_for_selector("#void-button")
        assert page.inner_text("#cashier") == "王收银" and page.inner_text("#terminal") == "counter-2"
        page.screenshot(path=str(artifacts / "back-office-sale.png"))
        page.screenshot(path=str(artifacts / "back-office-sale-full.png"), full_page=True)

        text = pdf_in_new_tab(page, "#receipt-pdf", tmp_path, artifacts / "back-office-receipt-pdf.png")
        for expected in (sales[0]["receipt_no"], "张*兰", "红烧肉", "尧都区民政局", "钱包支付 10.00"):
            assert expected in text, expected

        second = page.context.new_page()  # the same sale open in a second tab, to void it twice
        second_errors = page_errors(second)
        second.goto(page.url)
        page.fill("#void-reason-input", "顾客退餐，已退回")
        page.click("#void-button")
        page.wait_for_selector("#voided-stamp")
        assert "已退回余额，现余额 ¥100.00" in page.inner_text(".flash.ok")
        assert page.inner_text("#void-reason") == "顾客退餐，已退回"
        page.screenshot(path=str(artifacts / "back-office-sale-voided.png"))
        page.screenshot(path=str(artifacts / "back-office-sale-voided-full.png"), full_page=True)
        assert balance(database, resident) == 10_000
        with database.unit_of_work() as session:
            result = verify_ledger(session)
        assert result.violations == [] and result.checked["voids"] == 1

        second.fill("#void-reason-input", "再撤一次")
        second.click("#void-button")
        second.wait_for_selector("#refusal")
        assert second.inner_text("#refusal") == f"消费 {sales[0]['receipt_no']} 已撤销"
        second.screenshot(path=str(artifacts / "back-office-sale-void-refused.png"))
        assert balance(database, resident) == 10_000

        page.goto(f"{base}/sales/?day={day.isoformat()}")
        assert page.inner_text("#totals").split() == ["餐数", "1", "合计", "¥8.00", "补贴", "¥0.00", "实付", "¥8.00",
                                                      "已撤销（不计入）", "1"]
        assert second_errors == [], f"JavaScript errors or blocked scripts in the second tab: {second_errors}"


def test_the_audit_log_is_read_only_for_managers_and_closed_to_cashiers(browser, live, make, database, yesterday,
                                                                         artifacts):
    base, _token = live
    day, _resident, sales = yesterday
    with staff_page(browser, base, make, "经理", "manager", f"/sales/{sales[1]['sale_id']}") as page:
        page.wait_for_url(f"{base}/sales/{sales[1]['sale_id']}")
        page.fill("#void-reason-input", "收错了钱")
        page.click("#void-button")
        page.wait_for_selector("#voided-stamp")
        page.goto(f"{base}/audit/")
        main = page.locator("main")
        assert main.locator("form[method=post]").count() == 0
        assert main.locator("button").all_inner_texts() == ["查看"]  # the filter's, and nothing that changes
        assert main.locator("textarea, input[type=checkbox], [contenteditable]").count() == 0
        first = page.locator("#audit tbody tr").first
        assert first.get_attribute("data-action") == "sale.voided"
        assert "收错了钱" in first.inner_text() and "经理" in first.inner_text()
        page.screenshot(path=str(artifacts / "back-office-audit-log.png"))
        page.fill("input[name=what]", "sale.")
        page.fill("input[name=day]", day.isoformat())
        page.click("#filters button[type=submit]")
        page.wait_for_url("**what=sale.*")
        assert page.locator("#audit tbody tr").evaluate_all("rows => rows.map(r => r.dataset.action)") == [
            "sale.settled", "sale.settled"]
        page.goto(f"{base}/audit/")
        page.click("#audit tbody tr >> nth=0 >> text=凭证")
        page.wait_for_selector("#entries")
        assert "冲正" in page.inner_text("#facts")
        page.screenshot(path=str(artifacts / "back-office-audit-transaction.png"))
    with staff_page(browser, base, make, "收银员", "cashier", "/") as page:
        page.wait_for_url(f"{base}/")
        response = page.goto(f"{base}/audit/")
        assert response.status == 403
        page.screenshot(path=str(artifacts / "back-office-audit-cashier-refused.png"))
