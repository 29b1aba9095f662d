"""The back office's wallet pages: top up (with a payment's reference unless cash, once per form), correct a
wrong top-up, refund a leaver's balance; each with its receipt, its ledger transaction and its audit row."""
from __future__ import annotations

import re

from sqlalchemy import func, select

from pos.audit import AuditEntry
from pos.idempotency import IdempotentRequest
from pos.integrity.verify import verify_ledger
from pos.ledger.models import LedgerTransaction
from pos.ledger.posting import wallet_of
from pos.wallets.models import BalanceRefund, TopUp, TopUpCorrection
from tests.receipts.pdftools import pdf_lines
from tests.support.html import rows_of, text_of


def balance(database, resident_id: int) -> int:
    with database.unit_of_work() as session:
        return wallet_of(session, resident_id).balance_fen


def counts(database) -> tuple[int, ...]:
    """Top-ups, corrections, refunds, ledger transactions, audit rows and stored keys: a refusal leaves them."""
    with database.unit_of_work() as session:
        return tuple(session.scalar(select(func.count()).select_from(m)) for m in (
            TopUp, TopUpCorrection, BalanceRefund, LedgerTransaction, AuditEntry, IdempotentRequest))


def form_key(page: str) -> str:
    return re.search(r'name="idempotency_key"[^>]*value="([^"]+)"', page).group(1)


def top_up(client, resident: int, **fields: str):
    page = client.get(f"/wallets/residents/{resident}/top-up").get_data(as_text=True)
    return client.post(f"/wallets/residents/{resident}/top-up",
                       data={"idempotency_key": form_key(page), "method": "cash"} | fields)


def test_a_wechat_top_up_with_its_reference_shows_on_the_residents_page(client, auth, make, database):
    auth.login("manager", username="王经理")
    resident = make.resident("李明德", balance_fen=1000)
    response = top_up(client, resident, method="wechat", amount="200.50", reference=" 4200001234567 ")
    assert (response.status_code, response.location) == (302, f"/residents/{resident}#wallet")
    page = client.get(f"/residents/{resident}").get_data(as_text=True)
    with database.unit_of_work() as session:
        row = session.scalars(select(TopUp).order_by(TopUp.id.desc())).first()
        assert (row.amount_fen, row.method, row.reference) == (20050, "wechat", "4200001234567")
        audit = session.scalars(select(AuditEntry).where(AuditEntry.action == "wallet.top_up")
                                .order_by(AuditEntry.id.desc())).first()
        assert audit.after == {"amount_fen": 20050, "method": "wechat", "reference": "4200001234567",
                               "top_up_id": row.id, "balance_fen": 21050}
        assert audit.staff_id is not None and audit.terminal_id is None
        assert verify_ledger(session).violations == []
    assert f"充值 CZ{row.id:08d}（¥200.50）已登记，现在余额 ¥210.50。" in page
    assert text_of(page, "wallet-balance") == "¥210.50"
    top_ups = rows_of(page, "wallet-top-ups")
    assert top_ups[0] == ["充值", "时间", "付款方式", "付款单号", "金额", "更正"]
    assert [top_ups[1][0], *top_ups[1][2:]] == [f"CZ{row.id:08d}", "微信支付", "4200001234567", "¥200.50", "更正"]
    assert f'href="/receipts/top-ups/{row.id}.pdf"' in page


def pdf_text(response, tmp_path) -> str:
    assert (response.status_code, response.mimetype) == (200, "application/pdf")
    (tmp_path / "r.pdf").write_bytes(response.data)
    return " ".join(pdf_lines(tmp_path / "r.pdf"))


def test_the_top_up_receipt_pdf_carries_the_reference(client, auth, make, database, tmp_path):
    auth.login("manager", username="王经理")
    resident = make.resident("李明德")
    top_up(client, resident, method="alipay", amount="88", reference="2026113022001")
    with database.unit_of_work() as session:
        topup_id = session.scalar(select(TopUp.id).where(TopUp.resident_id == resident))
    text = pdf_text(client.get(f"/receipts/top-ups/{topup_id}.pdf"), tmp_path)
    assert "充值小票" in text and f"单号:CZ{topup_id:08d}" in text and "收银:王经理" in text
    assert "充值金额(支付宝) 88.00" in text and "付款单号 2026113022001" in text and "充值后余额 88.00" in text


def test_a_non_cash_top_up_without_reference_is_refused_naming_the_field(client, auth, make, database):
    auth.login("manager")
    resident = make.resident()
    before = counts(database)
    response = top_up(client, resident, method="bank", amount="50", reference="  ")
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "付款单号：微信支付、支付宝和银行转账必须填写" in page
    assert 'value="50"' in page and '<option selected value="bank">' in page  # the values are kept
    assert counts(database) == before and balance(database, resident) == 0


def test_the_same_reference_for_the_same_method_is_refused_naming_the_earlier_top_up(client, auth, make, database):
    auth.login("manager")
    resident = make.resident()
    top_up(client, resident, method="wechat", amount="100", reference="WX-0001")
    with database.unit_of_work() as session:
        first = session.scalar(select(TopUp.id).where(TopUp.resident_id == resident))
    before = counts(database)
    again = top_up(client, resident, method="wechat", amount="100", reference="WX-0001")
    assert again.status_code == 409
    assert (f"付款单号：已在充值 CZ{first:08d}（¥100.00）中用同一付款方式登记过，同一笔付款不能登记两次"
            in again.get_data(as_text=True))
    assert counts(database) == before and balance(database, resident) == 10000
    other_method = top_up(client, resident, method="alipay", amount="100", reference="WX-0001")
    assert other_method.status_code == 302 and balance(database, resident) == 20000


def test_a_double_submit_with_the_same_key_tops_up_once(client, auth, make, database):
    auth.login("manager")
    resident = make.resident()
    page = client.get(f"/wallets/residents/{resident}/top-up").get_data(as_text=True)
    form = {"idempotency_key": form_key(page), "method": "cash", "amount": "30"}
    first, second = (client.post(f"/wallets/residents/{resident}/top-up", data=form) for _ in range(2))
    assert (first.status_code, second.status_code) == (302, 302)
    assert balance(database, resident) == 3000
    with database.unit_of_work() as session:
        assert session.scalar(select(func.count()).select_from(TopUp).where(TopUp.resident_id == resident)) == 1
    assert form_key(client.get(f"/wallets/residents/{resident}/top-up").get_data(as_text=True)) != form["idempotency_key"]


def test_the_limit_is_said_in_yuan_in_chinese_and_in_english(client, auth, make, database):
    auth.login("manager")
    resident = make.resident()
    before = counts(database)
    page = top_up(client, resident, amount="5000.01").get_data(as_text=True)
    assert "金额：必须在 0.01 元到 5,000.00 元之间" in page and "fen" not in page and "amount_fen" not in page
    client.get("/locale/en")
    page = top_up(client, resident, amount="50000").get_data(as_text=True)
    assert "Amount: must be from 0.01 yuan to 5,000.00 yuan" in page and "amount_fen" not in page
    assert counts(database) == before
    assert top_up(client, resident, amount="5000").status_code == 302 and balance(database, resident) == 500000


def test_amounts_that_are_not_yuan_are_refused_by_the_field(client, auth, make, database):
    auth.login("manager")
    resident = make.resident()
    before = counts(database)
    assert "金额：必须是以元为单位的金额，最多两位小数，如 50.00" in top_up(client, resident, amount="12.345").get_data(
        as_text=True)
    assert "金额：必须在 0.01 元到 5,000.00 元之间" in top_up(client, resident, amount="0").get_data(as_text=True)
    assert "付款单号：不能包含控制字符" in top_up(client, resident, method="wechat", amount="1",
                                           reference="WX\x07").get_data(as_text=True)
    assert counts(database) == before


def test_a_manager_corrects_a_wrong_top_up(client, auth, make, database, tmp_path):
    auth.login("manager")
    resident = make.resident()
    top_up(client, resident, amount="500")  # the family paid 50.00: a zero too many
    with database.unit_of_work() as session:
        topup_id = session.scalar(select(TopUp.id).where(TopUp.resident_id == resident))
    refused = client.post(f"/wallets/top-ups/{topup_id}/correct", data={"correct_amount": "50", "reason": ""})
    assert refused.status_code == 422 and "原因：必须填写" in refused.get_data(as_text=True)
    response = client.post(f"/wallets/top-ups/{topup_id}/correct",
                           data={"correct_amount": "50", "reason": "多输了一个零"})
    assert (response.status_code, response.location) == (302, f"/residents/{resident}#wallet")
    assert balance(database, resident) == 5000
    with database.unit_of_work() as session:
        correction = session.scalars(select(TopUpCorrection)).one()
        txn = session.get_one(LedgerTransaction, correction.transaction_id)
        assert (correction.correct_amount_fen, correction.reason, txn.kind) == (5000, "多输了一个零", "correction")
        assert sorted(e.amount_fen for e in txn.entries) == [-45000, 45000]
        audit = session.scalars(select(AuditEntry).where(AuditEntry.action == "wallet.correction")).one()
        assert (audit.before, audit.after, audit.note) == ({"amount_fen": 50000}, {"amount_fen": 5000}, "多输了一个零")
        assert verify_ledger(session).violations == []
    page = client.get(f"/residents/{resident}").get_data(as_text=True)
    assert rows_of(page, "wallet-top-ups")[1][-1] == f"改为 ¥50.00 · GZ{correction.id:08d} 多输了一个零"
    slip = pdf_text(client.get(f"/receipts/corrections/{correction.id}.pdf"), tmp_path)
    assert f"充值更正 单号:GZ{correction.id:08d}" in slip
    for line in (f"更正充值 CZ{topup_id:08d}", "原记金额 500.00", "应为金额 50.00", "钱包调整 -450.00",
                 "原因 多输了一个零", "钱包余额 50.00"):
        assert line in slip
    again = client.post(f"/wallets/top-ups/{topup_id}/correct", data={"correct_amount": "40", "reason": "再改"})
    assert again.status_code == 409 and "这笔充值已更正为 ¥50.00：多输了一个零" in again.get_data(as_text=True)
    assert balance(database, resident) == 5000


def test_a_leavers_balance_is_refunded(client, auth, make, database, tmp_path):
    auth.login("manager")
    resident = make.resident(balance_fen=12345)
    response = client.post(f"/wallets/residents/{resident}/refund", data={"method": "bank", "reason": "搬去外地"})
    assert (response.status_code, response.location) == (302, f"/residents/{resident}#wallet")
    assert balance(database, resident) == 0
    with database.unit_of_work() as session:
        refund = session.scalars(select(BalanceRefund)).one()
        txn = session.get_one(LedgerTransaction, refund.transaction_id)
        assert (refund.amount_fen, refund.method, refund.reason, txn.kind) == (12345, "bank", "搬去外地", "refund")
        audit = session.scalars(select(AuditEntry).where(AuditEntry.action == "wallet.refund")).one()
        assert (audit.before, audit.after) == ({"balance_fen": 12345}, {"balance_fen": 0, "method": "bank"})
        assert verify_ledger(session).violations == []
    page = client.get(f"/residents/{resident}").get_data(as_text=True)
    assert rows_of(page, "wallet-refunds")[1][2:] == ["银行转账", "搬去外地", "¥123.45"]
    assert 'id="wallet-refund"' not in page  # nothing left to refund
    history = [row[-3:] for row in rows_of(page, "changes")[1:4]]  # the refund's row, in yuan and words
    assert history == [["余额退款: 余额", "¥123.45", "¥0.00"], ["余额退款: 付款方式", "", "银行转账"],
                       ["充值: 金额", "", "¥123.45"]]
    slip = pdf_text(client.get(f"/receipts/refunds/{refund.id}.pdf"), tmp_path)
    assert f"余额退款 单号:TK{refund.id:08d}" in slip
    assert "退款金额(银行转账) 123.45" in slip and "原因 搬去外地" in slip and "钱包余额 0.00" in slip
    before = counts(database)
    empty = client.post(f"/wallets/residents/{resident}/refund", data={"method": "cash", "reason": "再退"})
    assert empty.status_code == 409 and text_of(empty.get_data(as_text=True), "refusal") == "余额为零，无需退款"
    assert counts(database) == before


def test_cashiers_cannot_use_the_wallet_pages_and_forms_need_their_token(app, client, auth, make, database):
    resident = make.resident(balance_fen=1000)
    auth.login("cashier")
    assert client.get(f"/wallets/residents/{resident}/top-up").status_code == 403
    assert client.post(f"/wallets/residents/{resident}/refund", data={"method": "cash", "reason": "x"}).status_code == 403
    auth.logout()
    auth.login("manager")
    app.config["WTF_CSRF_ENABLED"] = True
    before = counts(database)
    forged = client.post(f"/wallets/residents/{resident}/refund", data={"method": "cash", "reason": "伪造"})
    assert forged.status_code == 400 and counts(database) == before


def test_unknown_residents_and_top_ups_are_not_found(client, auth, make, database):
    auth.login("manager")
    before = counts(database)
    assert client.get("/wallets/residents/99999/top-up").status_code == 404
    assert client.post("/wallets/residents/99999/refund", data={"method": "cash", "reason": "x"}).status_code == 404
    assert client.get("/wallets/top-ups/99999/correct").status_code == 404
    assert client.get("/receipts/top-ups/99999.pdf").status_code == 404
    assert client.get("/receipts/refunds/99999.pdf").status_code == 404
    assert counts(database) == before


def test_the_wallet_section_in_english(client, auth, make):
    auth.login("manager")
    resident = make.resident(balance_fen=2500)
    client.get("/locale/en")
    page = client.get(f"/residents/{resident}").get_data(as_text=True)
    assert text_of(page, "wallet-balance") == "¥25.00"
    assert rows_of(page, "wallet-top-ups")[0] == ["Top-up", "When", "Payment method", "Reference", "Amount",
                                                  "Correction"]
    form = client.get(f"/wallets/residents/{resident}/top-up").get_data(as_text=True)
    assert "In yuan, like 50 or 50.00; at most 5,000.00 yuan in one top-up." in form
    refused = top_up(client, resident, method="alipay", amount="10").get_data(as_text=True)
    assert "Payment reference number: is required for WeChat Pay, Alipay and bank transfers" in refused
