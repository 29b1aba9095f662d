"""/kitchen, the managers' page for the kitchen wall, and its PDF sheet read back with pdftotext."""
from __future__ import annotations

import re

import pytest

from pos.kitchen import routes as kitchen_routes
from tests.pos.orders.conftest import DAY, at
from tests.receipts.pdftools import pdf_fonts, pdf_lines


@pytest.fixture
def clock(monkeypatch):
    monkeypatch.setattr(kitchen_routes, "utc_now", lambda: at(DAY, 10, 5))


def page(client, **args) -> str:
    response = client.get("/kitchen", query_string={"day": DAY.isoformat(), **args})
    assert response.status_code == 200
    return response.get_data(as_text=True)


def tile(html: str, key: str) -> tuple[str, str]:
    found = re.search(rf'id="{key}"><span class="label">([^<]*)</span><span class="value">(\d+)<', html)
    assert found, key
    return found.group(1), found.group(2)


def cells(html: str, row: str) -> list[str]:
    found = re.search(rf"<tr {row}[^>]*>(.*?)</tr>", html, re.S)
    assert found, row
    return [re.sub(r"\s+", " ", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", found.group(1), re.S)]


def test_the_counts_in_large_type(client, auth, lunch, clock):
    auth.login("manager")
    html = page(client, period="lunch")
    assert f"{DAY.isoformat()} 午餐：共 4 份餐" in html
    assert [tile(html, f"channel-{c}") for c in ("dine_in", "pick_up", "delivery")] == [
        ("堂食", "1"), ("自取", "1"), ("送餐", "2")]
    assert [tile(html, f"texture-{t}") for t in ("normal", "soft", "minced")] == [
        ("普通", "2"), ("软食", "1"), ("碎食", "1")]
    assert cells(html, f'data-dish="{lunch.pork}"') == ["红烧肉", "4", "1", "1", "2"]
    assert cells(html, f'data-dish="{lunch.greens}"') == ["清炒油菜", "3", "2", "1", "0"]
    assert cells(html, 'id="portions-total"') == ["合计", "12", "5", "4", "3"]
    assert 'href="/kitchen/2026-12-10/lunch.pdf"' in html


def test_the_orders_to_watch(client, auth, lunch, clock):
    auth.login("manager")
    html = page(client, period="lunch")
    assert "需留意的订单 (3)" in html
    assert re.search(rf'<tr data-order="{lunch.orders["王秀英"]}" class="conflict">', html)
    assert cells(html, f'data-order="{lunch.orders["王秀英"]}"') == ["王秀英", "送餐", "低盐、软食", "大豆", "红烧肉"]
    assert cells(html, f'data-order="{lunch.orders["陈芳"]}"') == ["陈芳", "送餐", "—", "鱼", "—"]
    assert cells(html, f'data-order="{lunch.orders["李建国"]}"') == ["李建国", "自取", "软食、碎食", "—", "—"]


def test_english_on_the_switch(client, auth, lunch, clock):
    auth.login("manager")
    client.get("/locale/en")
    html = page(client, period="lunch")
    assert "Lunch on 2026-12-10: 4 meals" in html
    assert cells(html, f'data-dish="{lunch.pork}"') == ["Braised pork", "4", "1", "1", "2"]
    assert cells(html, f'data-order="{lunch.orders["王秀英"]}"') == [
        "王秀英", "Delivery", "low-salt, soft food", "soy", "Braised pork"]


def test_without_a_period_the_meal_not_yet_over(client, auth, lunch, clock):
    auth.login("manager")
    assert '<option value="lunch" selected>' in page(client)  # 10:05: breakfast is over, lunch is not
    html = page(client, period="breakfast")
    assert f"{DAY.isoformat()} 早餐：共 0 份餐" in html and "本餐没有订单。" in html


def test_the_sheet_read_back(client, auth, lunch, clock, tmp_path):
    auth.login("manager")
    response = client.get(f"/kitchen/{DAY.isoformat()}/lunch.pdf")
    assert (response.status_code, response.mimetype) == (200, "application/pdf")
    path = tmp_path / "kitchen.pdf"
    path.write_bytes(response.data)
    assert pdf_lines(path) == [
        "测试食堂 厨房备餐单", "2026-12-10 周四 午餐 共 4 份餐", "堂食 1 自取 1 送餐 2", "普通 2 软食 1 碎食 1",
        "菜品 合计 普通 软食 碎食", "清蒸鲈鱼 3 1 1 1", "红烧肉 4 1 1 2", "清炒油菜 3 2 1 0", "紫菜蛋花汤 2 1 1 0",
        "合计 12 5 4 3", "需留意的订单(3)", "居民 方式 饮食 过敏原 含其过敏原的菜",
        "王秀英 送餐 低盐、软食 大豆 红烧肉", "陈芳 送餐 — 鱼 —", "李建国 自取 软食、碎食 — —",
        "打印时间:2026-12-10 10:05", "厨房备餐单 2026-12-10 午餐 第 1 页"]
    assert [embedded for _name, embedded in pdf_fonts(path)] == ["yes"]


def test_a_cashier_may_not_open_the_page_or_the_sheet(client, auth, lunch):
    auth.login("cashier")
    assert client.get("/kitchen").status_code == 403
    assert client.get(f"/kitchen/{DAY.isoformat()}/lunch.pdf").status_code == 403


def test_a_sheet_of_no_such_day_or_meal_is_not_found(client, auth, lunch):
    auth.login("manager")
    assert client.get("/kitchen/2026-13-40/lunch.pdf").status_code == 404
    assert client.get(f"/kitchen/{DAY.isoformat()}/supper.pdf").status_code == 404
