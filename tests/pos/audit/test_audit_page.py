"""The audit log's page: managers and admins read it, nobody changes it; filtered by who, what, resident, day."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from pos.audit import Actor, AuditEntry
from pos.auditlog import entries
from pos.credentials.life import report_lost
from pos.residents.records import ResidentIn, get_resident, update_resident
from tests.factories import HOME
from tests.support.html import post_forms, rows_of, text_of
from tests.support.selling import DAY, NEXT_DAY, a_day_of_sales, local

HEADER = ["时间", "操作人", "终端", "操作", "对象", "变更前 → 变更后", "备注", "账务"]


@pytest.fixture
def logged(app, make, database, client, auth):
    """A day of sales, one voided by the manager on the page, 张桂兰's phone changed by the manager, and her
    card reported lost by herself on her own page; plus a sale at 23:50 on DAY and one at 00:10 the next day."""
    day = a_day_of_sales(app, make)
    one = day.tills[0]
    late = one.sell(local(DAY, 23, 50), {"walk_in": True}, (day.dishes[1], 1), payment_method="cash")
    early = one.sell(local(NEXT_DAY, 0, 10), {"walk_in": True}, (day.dishes[1], 1), payment_method="cash")
    auth.login("manager", username="经理")
    assert client.post(f"/sales/{day.sales[0]['sale_id']}/void", data={"reason": "点错菜"}).status_code == 302
    with database.unit_of_work() as session:
        manager = session.scalar(select(AuditEntry.staff_id).where(AuditEntry.action == "sale.voided"))
        resident = get_resident(session, day.aged)
        update_resident(session, resident, ResidentIn(name="张桂兰", id_number=resident.id_number,
                                                      phone="13912345678", area=HOME),
                        Actor(staff_id=manager))
    report_lost(database, "04A1B2C3", Actor(resident_id=day.aged))
    return day, manager, late, early


def table(client, **query) -> list[list[str]]:
    response = client.get("/audit/", query_string=query)
    assert response.status_code == 200, response.get_data(as_text=True)
    return rows_of(response.get_data(as_text=True), "audit")


def test_a_cashier_cannot_open_the_log(client, auth, make):
    make.canteen()
    assert client.get("/audit/").status_code == 302  # to the sign-in page
    auth.login("cashier", username="收银")
    assert client.get("/audit/").status_code == 403
    assert client.get("/audit/transactions/1").status_code == 403


@pytest.mark.parametrize("role", ["manager", "admin"])
def test_managers_and_admins_read_it_and_nothing_on_it_changes_it(client, auth, make, role):
    make.canteen()
    auth.login(role, username=f"读者-{role}")
    page = client.get("/audit/").get_data(as_text=True)
    assert rows_of(page, "audit")[0] == HEADER
    assert post_forms(page) == ["/logout"]  # signing out is the only form that posts
    assert "<button" not in page.split("<main>")[1].replace('<button type="submit" class="primary">查看</button>', "")
    for method in (client.post, client.put, client.delete):
        assert method("/audit/").status_code == 405


def test_the_newest_rows_first_with_who_where_what_and_before_after(client, logged):
    rows = table(client)
    assert rows[0] == HEADER
    lost, changed, voided = rows[1], rows[2], rows[3]
    assert lost[1:5] == ["张桂兰 #1 (居民)", "—", "挂失 card.reported_lost", "卡 04A1B2C3 #1"]
    assert lost[5] == "状态: 正常 → 已挂失"
    assert changed[1:6] == ["经理", "—", "修改居民信息 resident.changed", "居民 张桂兰 #1", "电话: — → *******5678"]
    assert voided[1:5] == ["经理", "—", "消费撤销 sale.voided", "消费 20261120-0001 #1"]
    assert (voided[5], voided[6]) == ("已撤销: ✗ → ✓", "点错菜")
    assert voided[7].startswith("凭证 #") and voided[7].endswith("消费")


def test_filter_by_who_what_resident_and_day(client, logged):
    day, manager, late, early = logged
    by_manager = table(client, who=str(manager))[1:]
    assert [row[3] for row in by_manager] == ["修改居民信息 resident.changed", "消费撤销 sale.voided"]
    assert [row[3] for row in table(client, what="card.")[1:]] == ["挂失 card.reported_lost"]
    assert [row[3] for row in table(client, what="card")[1:]] == ["挂失 card.reported_lost"]
    wallet = table(client, what="wallet.top_up")[1:]
    assert [row[4] for row in wallet] == ["居民 李明德 #2", "居民 张桂兰 #1"]
    about_her = [row[3] for row in table(client, resident=str(day.aged))[1:]]
    assert about_her == ["挂失 card.reported_lost", "修改居民信息 resident.changed", "充值 wallet.top_up",
                         "登记居民 resident.registered"]
    on_day = table(client, day=DAY.isoformat(), what="sale.")[1:]
    assert [row[4] for row in on_day] == [f"消费 {late['receipt_no']} #{late['sale_id']}", "消费 20261120-0004 #4",
                                          "消费 20261120-0003 #3", "消费 20261120-0002 #2", "消费 20261120-0001 #1"]
    assert [row[0][11:] for row in on_day] == ["23:50:00", "17:30:00", "12:00:00", "11:45:00", "11:30:00"]
    next_day = table(client, day=NEXT_DAY.isoformat())[1:]
    assert [row[4] for row in next_day] == ["消费 20261121-0001 #5", f"消费 {early['receipt_no']} #{early['sale_id']}"]


def test_the_log_pages_newest_first(client, logged, monkeypatch, database):
    monkeypatch.setattr(entries, "PAGE_SIZE", 4)
    with database.unit_of_work() as session:
        total = session.scalar(select(func.count()).select_from(AuditEntry))
    seen, page = [], 1
    while True:
        response = client.get("/audit/", query_string={"page": page})
        rows = rows_of(response.get_data(as_text=True), "audit")[1:]
        seen += [row[0] for row in rows]
        if 'rel="next"' not in response.get_data(as_text=True):
            break
        page += 1
    assert len(seen) == total and page == -(-total // 4)
    assert seen == sorted(seen, reverse=True)


def test_a_bad_filter_is_named_and_kept(client, logged):
    response = client.get("/audit/", query_string={"what": "DROP TABLE", "day": "2026-11-20"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert text_of(page, "filter-error") == "操作: 必须是操作代码或其开头，如 card. 或 wallet.top_up"
    assert 'value="DROP TABLE"' in page and 'value="2026-11-20"' in page
    assert client.get("/audit/", query_string={"resident": "张"}).status_code == 422
    assert client.get("/audit/", query_string={"day": "20-11-2026"}).status_code == 422


def test_the_transaction_page_shows_the_entries_the_sale_and_its_rows(client, logged, database):
    day = logged[0]
    with database.unit_of_work() as session:
        voided = session.scalars(select(AuditEntry).where(AuditEntry.action == "sale.voided")).one()
    page = client.get(f"/audit/transactions/{voided.transaction_id}").get_data(as_text=True)
    assert rows_of(page, "entries")[1:] == [["张桂兰 的余额账户 wallet:1", "", "¥10.00"],
                                           ["应收补贴：尧都区民政局 receivable:district", "", "¥2.00"],
                                           ["餐费收入 meal_revenue", "¥12.00", ""], ["合计", "¥12.00", "¥12.00"]]
    assert f'href="/sales/{day.sales[0]["sale_id"]}"' in page
    assert [row[3] for row in rows_of(page, "transaction-audit")[1:]] == ["消费撤销 sale.voided"]
    assert "冲正" in text_of(page, "facts") and post_forms(page) == ["/logout"]
    assert client.get("/audit/transactions/99999").status_code == 404
