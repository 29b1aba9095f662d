"""The back office's wallet pages in Chromium: a manager tops up by WeChat Pay with the payment's reference
(refused first without it), opens the top-up's receipt PDF, corrects the top-up keyed ten times too large, and
refunds the balance of a resident who moves away; the ledger verifies clean after. Screenshots at 1366×768."""
from __future__ import annotations

from sqlalchemy import select

from pos.integrity.verify import verify_ledger
from pos.ledger.posting import wallet_of
from pos.wallets.models import BalanceRefund, TopUp, TopUpCorrection
from tests.browser.conftest import staff_page
from tests.browser.pdf_tab import pdf_in_new_tab

MOVED_AWAY = "已迁出"


def balance(database, resident_id: int) -> int:
    with database.unit_of_work() as session:
        return wallet_of(session, resident_id).balance_fen


def test_a_manager_tops_up_by_wechat_corrects_it_and_refunds_a_leaver(browser, live, make, database, artifacts,
                                                                      tmp_path):
    base, _token = live
    resident = make.resident("李明德", balance_fen=10_000)
    with staff_page(browser, base, make, "王经理", "manager", f"/residents/{resident}") as page:
        page.wait_for_url(f"{base}/residents/{resident}")
        assert page.inner_text("#wallet-balance") == "¥100.00"
        page.locator("#wallet").scroll_into_view_if_needed()
        page.screenshot(path=str(artifacts / "back-office-wallet.png"))

        page.click("#wallet-top-up")
        page.wait_for_selector("#top-up-form")
        page.select_option("#method", "wechat")
        page.fill("#amount", "300")  # the family paid 30.00: a zero too many, put right below
        page.click("#top-up-button")
        page.wait_for_selector("#field-reference .field-error")
        assert page.inner_text("#field-reference .field-error") == "付款单号：微信支付、支付宝和银行转账必须填写"
        assert page.input_value("#amount") == "300" and page.input_value("#method") == "wechat"
        page.screenshot(path=str(artifacts / "back-office-wallet-top-up-refused.png"))
        assert balance(database, resident) == 10_000
        page.fill("#amount", "5000.01")
        page.fill("#reference", "4200002026113012345")
        page.click("#top-up-button")
        page.wait_for_selector("#field-amount .field-error")
        assert page.inner_text("#field-amount .field-error") == "金额：必须在 0.01 元到 5,000.00 元之间"
        page.fill("#amount", "300")
        page.click("#top-up-button")
        page.wait_for_selector("#wallet-section")
        with database.unit_of_work() as session:
            topup = session.scalars(select(TopUp).where(TopUp.method == "wechat")).one()
            topup_id, receipt_no = topup.id, f"CZ{topup.id:08d}"
            assert (topup.amount_fen, topup.reference) == (30_000, "4200002026113012345")
        assert page.inner_text(".flash.ok") == f"充值 {receipt_no}（¥300.00）已登记，现在余额 ¥400.00。"
        assert page.inner_text("#wallet-balance") == "¥400.00"
        row = page.locator(f"#top-up-{topup_id} td").all_inner_texts()
        assert [row[0], *row[2:]] == [receipt_no, "微信支付", "4200002026113012345", "¥300.00", "更正"]
        page.screenshot(path=str(artifacts / "back-office-wallet-topped-up.png"))

        text = pdf_in_new_tab(page, f"#top-up-{topup_id} a.receipt", tmp_path,
                              artifacts / "back-office-wallet-top-up-receipt.png")
        for expected in ("充值小票", f"单号:{receipt_no}", "收银:王经理", "李*德", "充值金额(微信支付) 300.00",
                         "付款单号 4200002026113012345", "充值后余额 400.00"):
            assert expected in text, expected

        page.click(f"#top-up-{topup_id} a.correct")
        page.wait_for_selector("#correct-form")
        assert page.inner_text("#recorded-amount") == "¥300.00"
        page.fill("#correct_amount", "30")
        page.fill("#reason", "多输了一个零")
        page.screenshot(path=str(artifacts / "back-office-wallet-correct.png"))
        page.click("#correct-button")
        page.wait_for_selector("#wallet-section")
        assert page.inner_text("#wallet-balance") == "¥130.00"
        with database.unit_of_work() as session:
            correction_id = session.scalars(select(TopUpCorrection.id)).one()
        assert f"GZ{correction_id:08d}" in page.inner_text(".flash.ok")
        text = pdf_in_new_tab(page, f"#top-up-{topup_id} a.slip", tmp_path,
                              artifacts / "back-office-wallet-correction-slip.png")
        for expected in ("充值更正", f"更正充值 {receipt_no}", "原记金额 300.00", "应为金额 30.00",
                         "钱包调整 -270.00", "钱包余额 130.00"):
            assert expected in text, expected

        page.select_option("#status", "moved_away")  # 李明德 moves away: the status first, then the refund
        page.click("#save-status")
        page.wait_for_selector(".flash.ok")
        assert page.inner_text("#resident-status").startswith(MOVED_AWAY)
        page.click("#wallet-refund")
        page.wait_for_selector("#refund-form")
        assert page.inner_text("#refund-button") == "退还 ¥130.00"
        page.select_option("#method", "cash")
        page.fill("#reason", "搬去外地")
        page.screenshot(path=str(artifacts / "back-office-wallet-refund.png"))
        page.click("#refund-button")
        page.wait_for_selector("#wallet-refunds")
        assert page.inner_text("#wallet-balance") == "¥0.00"
        assert page.locator("#wallet-refund").count() == 0
        page.locator("#wallet").scroll_into_view_if_needed()
        page.screenshot(path=str(artifacts / "back-office-wallet-refunded.png"))
        with database.unit_of_work() as session:
            refund = session.scalars(select(BalanceRefund)).one()
            assert (refund.amount_fen, refund.method, refund.reason) == (13_000, "cash", "搬去外地")
            result = verify_ledger(session)
        assert result.violations == []
        text = pdf_in_new_tab(page, f"#refund-{refund.id} a.slip", tmp_path,
                              artifacts / "back-office-wallet-refund-slip.png")
        assert "余额退款" in text and "退款金额(现金) 130.00" in text and "钱包余额 0.00" in text
        assert balance(database, resident) == 0
