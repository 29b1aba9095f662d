"""The back office's sales list: a day's sales filtered, sorted and paged in SQL, with their totals."""
from __future__ import annotations

from datetime import timedelta

from pos.clock import local_date, utc_now
from pos.sales import listing
from tests.pos.sales.conftest import DAY
from tests.support.html import rows_of, text_of
from tests.support.selling import local

HEADER = ["小票 ▼", "时间 ▼", "餐次", "居民", "收银员", "终端", "合计", "补贴", "实付", "支付", "状态"]


def listed(client, **query) -> list[str]:
    """The receipt numbers the list shows, in its order."""
    page = client.get("/sales/", query_string=query)
    assert page.status_code == 200, page.get_data(as_text=True)
    return [row[0] for row in rows_of(page.get_data(as_text=True), "sales")[1:] if row[0] != "没有符合条件的消费。"]


def test_a_days_sales_with_every_column_and_the_totals(client, auth, day_of_sales):
    auth.login("manager")
    page = client.get("/sales/?day=2026-11-20").get_data(as_text=True)
    rows = rows_of(page, "sales")
    assert rows[0][1:] == HEADER[1:] and rows[0][0] == "小票"
    assert rows[1:] == [
        ["20261120-0004", "11-20 17:30", "晚餐", "张桂兰 #1", "李收银", "counter-2", "¥20.00", "¥2.00", "¥18.00", "余额支付", ""],
        ["20261120-0003", "11-20 12:00", "午餐", "散客", "王收银", "counter-1", "¥8.00", "¥0.00", "¥8.00", "现金", ""],
        ["20261120-0002", "11-20 11:45", "午餐", "李明德 #2", "李收银", "counter-2", "¥12.00", "¥5.00", "¥7.00", "余额支付", ""],
        ["20261120-0001", "11-20 11:30", "午餐", "张桂兰 #1", "王收银", "counter-1", "¥12.00", "¥2.00", "¥10.00", "余额支付", ""]]
    assert text_of(page, "totals") == "餐数 4 合计 ¥52.00 补贴 ¥9.00 实付 ¥43.00"


def test_each_filter_narrows_the_list_and_its_totals(client, auth, day_of_sales):
    auth.login("manager")
    one, two = day_of_sales.tills
    day = DAY.isoformat()
    assert listed(client, day=day, meal_period="dinner") == ["20261120-0004"]
    assert listed(client, day=day, cashier=str(one.cashier.id)) == ["20261120-0003", "20261120-0001"]
    assert listed(client, day=day, terminal=str(two.terminal_id)) == ["20261120-0004", "20261120-0002"]
    assert listed(client, day=day, resident="桂兰") == ["20261120-0004", "20261120-0001"]
    assert listed(client, day=day, resident=str(day_of_sales.poor)) == ["20261120-0002"]
    assert listed(client, day=day, resident="100%_") == []  # LIKE's wildcards are taken literally
    assert listed(client, day=day, receipt_no="0003") == ["20261120-0003"]
    assert listed(client, day=day, receipt_no="20261121-0001") == ["20261121-0001"]  # a whole number: any day
    assert listed(client, day="", resident="张桂兰") == ["20261121-0001", "20261120-0004", "20261120-0001"]
    page = client.get("/sales/", query_string={"day": day, "cashier": str(two.cashier.id)}).get_data(as_text=True)
    assert text_of(page, "totals") == "餐数 2 合计 ¥32.00 补贴 ¥7.00 实付 ¥25.00"


def test_the_list_sorts_in_sql_and_pages(client, auth, day_of_sales, monkeypatch):
    auth.login("manager")
    day = DAY.isoformat()
    assert listed(client, day=day, sort="total") == ["20261120-0003", "20261120-0001", "20261120-0002",
                                                       "20261120-0004"]
    assert listed(client, day=day, sort="-subsidy") == ["20261120-0002", "20261120-0004", "20261120-0001",
                                                          "20261120-0003"]
    assert listed(client, day=day, sort="time") == ["20261120-0001", "20261120-0002", "20261120-0003",
                                                      "20261120-0004"]
    monkeypatch.setattr(listing, "PAGE_SIZE", 3)
    assert listed(client, day=day, sort="time", page="2") == ["20261120-0004"]
    page = client.get("/sales/", query_string={"day": day, "sort": "time"}).get_data(as_text=True)
    assert text_of(page, "totals") == "餐数 4 合计 ¥52.00 补贴 ¥9.00 实付 ¥43.00"  # the whole set, not the page
    assert "第 1 页，共 2 页" in page and "page=2" in page and "sort=time" in page


def test_without_a_day_the_list_is_the_canteens_today(client, auth, day_of_sales):
    one = day_of_sales.tills[0]
    today = local_date(utc_now(), "Asia/Shanghai")
    dish = day_of_sales.dishes[0]
    now = one.sell(utc_now(), {"walk_in": True}, (dish, 1), payment_method="cash")
    one.sell(local(today - timedelta(days=1), 12), {"walk_in": True}, (dish, 1), payment_method="cash")
    auth.login("manager")
    assert listed(client) == [now["receipt_no"]]
    assert now["receipt_no"].startswith(today.strftime("%Y%m%d"))


def test_a_bad_filter_is_named_in_chinese_and_kept(client, auth, day_of_sales):
    auth.login("manager")
    response = client.get("/sales/", query_string={"day": "2026-13-01", "resident": "张"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert text_of(page, "filter-error") == "日期: 必须是日期，如 2026-11-28"
    assert 'value="2026-13-01"' in page and 'value="张"' in page
    too_long = client.get("/sales/", query_string={"resident": "张" * 61})
    assert too_long.status_code == 422
    assert text_of(too_long.get_data(as_text=True), "filter-error") == "居民: 必须是不超过 60 个字符的文字"
    control = client.get("/sales/", query_string={"receipt_no": "0001\x07"})
    assert text_of(control.get_data(as_text=True), "filter-error") == "小票号: 不能包含控制字符"
    assert client.get("/sales/", query_string={"cashier": "x"}).status_code == 422


def test_only_managers_see_sales(client, auth, day_of_sales):
    sale = day_of_sales.sales[0]["sale_id"]
    assert client.get("/sales/").status_code == 302  # to the sign-in page
    auth.login("cashier", username="收银")
    assert (client.get("/sales/").status_code, client.get(f"/sales/{sale}").status_code) == (403, 403)
    assert client.post(f"/sales/{sale}/void", data={"reason": "x"}).status_code == 403
