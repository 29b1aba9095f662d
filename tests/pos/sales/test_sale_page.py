"""A sale's page: lines, subsidy lines, payment, ledger, who sold it where; voiding it as a manager with a reason."""
from __future__ import annotations

from sqlalchemy import func, select

from pos.audit import AuditEntry
from pos.integrity.verify import verify_ledger
from pos.ledger.models import LedgerTransaction
from pos.ledger.posting import wallet_of
from pos.sales.models import SaleVoid
from tests.support.html import post_forms, rows_of, text_of


def balance(database, resident_id: int) -> int:
    with database.unit_of_work() as session:
        return wallet_of(session, resident_id).balance_fen


def counts(database) -> tuple[int, int, int]:
    """Voids, ledger transactions and audit rows: what a refused void must leave as it found."""
    with database.unit_of_work() as session:
        return tuple(session.scalar(select(func.count()).select_from(m)) for m in (SaleVoid, LedgerTransaction,
                                                                                   AuditEntry))


def test_the_page_shows_the_lines_subsidies_payment_ledger_and_who(client, auth, day_of_sales):
    auth.login("manager")
    sale = day_of_sales.sales[1]  # 李明德, 低保: district 3 yuan and street 2 yuan, at counter-2
    page = client.get(f"/sales/{sale['sale_id']}").get_data(as_text=True)
    assert text_of(page, "receipt-no") == "20261120-0002"
    assert text_of(page, "resident").startswith("李明德 #2 · **************")  # the ID number's last four only
    assert (text_of(page, "cashier"), text_of(page, "terminal")) == ("李收银", "counter-2")
    assert rows_of(page, "lines") == [["菜品", "数量", "单价", "金额"], ["红烧肉", "1", "¥12.00", "¥12.00"],
                                      ["合计", "¥12.00"]]
    subsidies = rows_of(page, "subsidies")
    assert [row[0] for row in subsidies] == ["出资方", "尧都区民政局", "解放路街道"]
    assert [row[3] for row in subsidies] == ["金额", "¥3.00", "¥2.00"]
    assert "yaodu-demo/2026.1" in subsidies[1][1]
    assert text_of(page, "payment").startswith("合计 ¥12.00 补贴 ¥5.00 实付 ¥7.00 · 余额支付 消费后余额 ¥93.00")
    assert rows_of(page, "sale-entries") == [
        ["账户", "借方", "贷方"],
        ["李明德 的余额账户 wallet:2", "¥7.00", ""],
        ["应收补贴：尧都区民政局 receivable:district", "¥3.00", ""],
        ["应收补贴：解放路街道 receivable:street", "¥2.00", ""],
        ["餐费收入 meal_revenue", "", "¥12.00"],
        ["合计", "¥12.00", "¥12.00"]]
    assert post_forms(page)[1:] == [f"/receipts/sales/{sale['sale_id']}/print", f"/sales/{sale['sale_id']}/void"]


def test_a_manager_voids_yesterdays_wallet_sale_with_a_reason(client, auth, day_of_sales, database):
    auth.login("manager", username="经理")
    sale = day_of_sales.sales[0]  # 张桂兰's lunch: 10 yuan from her wallet, 2 from the district
    before = balance(database, day_of_sales.aged)
    response = client.post(f"/sales/{sale['sale_id']}/void", data={"reason": "  收银点错了菜  "})
    assert (response.status_code, response.location) == (302, f"/sales/{sale['sale_id']}")
    page = client.get(response.location).get_data(as_text=True)
    assert "小票 20261120-0001 已撤销：¥10.00 已退回余额，现余额 ¥72.00。" in page
    assert balance(database, day_of_sales.aged) == before + 1000 == 7200
    assert text_of(page, "voided-stamp") == "已撤销"
    assert (text_of(page, "void-reason"), text_of(page, "voided-by")) == ("收银点错了菜", "经理")
    assert rows_of(page, "void-entries")[1:] == [
        ["张桂兰 的余额账户 wallet:1", "", "¥10.00"],
        ["应收补贴：尧都区民政局 receivable:district", "", "¥2.00"],
        ["餐费收入 meal_revenue", "¥12.00", ""],
        ["合计", "¥12.00", "¥12.00"]]
    assert f"/sales/{sale['sale_id']}/void" not in post_forms(page)  # nothing left to void
    with database.unit_of_work() as session:
        assert verify_ledger(session).violations == []
        row = session.scalars(select(AuditEntry).where(AuditEntry.action == "sale.voided")).one()
        void = session.scalars(select(SaleVoid)).one()
        assert (row.subject_id, row.staff_id is not None, row.terminal_id, row.note, row.transaction_id) == (
            str(sale["sale_id"]), True, None, "收银点错了菜", void.transaction_id)
        assert session.get(LedgerTransaction, void.transaction_id).memo == "收银点错了菜"


def test_a_walk_in_cash_void_reverses_the_cash(client, auth, day_of_sales, database):
    auth.login("manager")
    sale = day_of_sales.sales[2]  # the walk-in's 8 yuan in cash
    response = client.post(f"/sales/{sale['sale_id']}/void", data={"reason": "顾客没有取餐"})
    page = client.get(response.location).get_data(as_text=True)
    assert "小票 20261120-0003 已撤销：请退还 ¥8.00（现金）。" in page
    assert rows_of(page, "void-entries")[1:] == [["现金 cash", "", "¥8.00"], ["餐费收入 meal_revenue", "¥8.00", ""],
                                                 ["合计", "¥8.00", "¥8.00"]]
    with database.unit_of_work() as session:
        assert verify_ledger(session).violations == []


def test_the_list_counts_a_voided_sale_apart(client, auth, day_of_sales):
    auth.login("manager")
    client.post(f"/sales/{day_of_sales.sales[0]['sale_id']}/void", data={"reason": "重复结算"})
    page = client.get("/sales/?day=2026-11-20").get_data(as_text=True)
    assert text_of(page, "totals") == "餐数 3 合计 ¥40.00 补贴 ¥7.00 实付 ¥33.00 已撤销（不计入） 1"
    assert rows_of(page, "sales")[-1][0] == "20261120-0001" and rows_of(page, "sales")[-1][-1] == "已撤销"


def test_a_void_needs_a_reason_of_at_most_200_plain_characters(client, auth, day_of_sales, database):
    auth.login("manager")
    sale = day_of_sales.sales[0]["sale_id"]
    before = counts(database)
    for reason, message in (("", "撤销原因: 必须填写"), ("   ", "撤销原因: 必须填写"),
                            ("太" * 201, "撤销原因: 必须是不超过 200 个字符的文字"),
                            ("点错\x00菜", "撤销原因: 不能包含控制字符")):
        response = client.post(f"/sales/{sale}/void", data={"reason": reason})
        page = response.get_data(as_text=True)
        assert response.status_code == 422, reason
        assert message in page, (reason, text_of(page, "void"))
        if reason.strip():
            assert f'value="{reason}"' in page or reason == "点错\x00菜"  # kept for the manager to fix
    assert counts(database) == before
    assert balance(database, day_of_sales.aged) == 6200


def test_voiding_a_voided_sale_is_refused_in_chinese_and_changes_nothing(client, auth, day_of_sales, database):
    auth.login("manager")
    sale = day_of_sales.sales[3]["sale_id"]
    client.post(f"/sales/{sale}/void", data={"reason": "第一次"})
    before, money = counts(database), balance(database, day_of_sales.aged)
    response = client.post(f"/sales/{sale}/void", data={"reason": "第二次"})
    assert response.status_code == 409
    assert text_of(response.get_data(as_text=True), "refusal") == "消费 20261120-0004 已撤销"
    assert (counts(database), balance(database, day_of_sales.aged)) == (before, money)


def test_an_unknown_sale_is_not_found(client, auth, day_of_sales):
    auth.login("manager")
    assert client.get("/sales/99999").status_code == 404
    assert client.post("/sales/99999/void", data={"reason": "x"}).status_code == 404


def test_a_void_without_the_forms_token_is_refused(app, client, auth, day_of_sales, database):
    auth.login("manager")
    app.config["WTF_CSRF_ENABLED"] = True
    before = counts(database)
    sale = day_of_sales.sales[0]["sale_id"]
    response = client.post(f"/sales/{sale}/void", data={"reason": "伪造的请求"})
    assert response.status_code == 400
    assert "表单已过期" in response.get_data(as_text=True)
    assert counts(database) == before
    page = client.get(f"/sales/{sale}").get_data(as_text=True)
    assert page.count('name="csrf_token"') == 3  # signing out, reprinting and voiding each carry it
