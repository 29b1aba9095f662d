"""/orders/standing (managers): standing orders and pauses from the browser's forms, refusals naming the field in
Chinese with nothing stored; /orders books due standing orders once their cut-off has passed; the cron command."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from pos.orders import commands as order_commands
from pos.orders import routes as order_routes
from pos.orders import standing_routes
from pos.orders.models import MealOrder
from pos.orders.standing_models import OrderPause, StandingOrder
from tests.pos.orders.conftest import DAY, at

FORM = {"meal_period": "lunch", "channel": "delivery", "weekdays": ["0", "1", "2", "3", "4"],
        "starts_on": DAY.isoformat(), "ends_on": ""}


@pytest.fixture
def clock(monkeypatch):
    now = {"at": at(DAY - timedelta(days=1), 15)}
    for module in (order_routes, standing_routes, order_commands):
        monkeypatch.setattr(module, "utc_now", lambda: now["at"])
    return now


def rows(database, model) -> int:
    with database.reader() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def add(client, resident, **changes):
    return client.post("/orders/standing", data={"resident_id": resident, **FORM, **changes}, follow_redirects=True)


def test_a_manager_adds_a_standing_order_and_sees_it(client, auth, kitchen, database, clock):
    auth.login("manager")
    html = add(client, kitchen.resident).get_data(as_text=True)
    assert "长期订餐已保存：每餐在截止时间自动预订。" in html
    assert '<td>午餐</td><td>送餐</td><td class="days">周一、周二、周三、周四、周五</td>' in html
    assert "生效中的长期订餐 · 1" in html
    assert rows(database, StandingOrder) == 1


@pytest.mark.parametrize(("changes", "message"), [
    ({"weekdays": []}, "每周哪几天：请至少选择一周中的一天"),
    ({"starts_on": "12/10"}, "开始日期：须为日期，如2026-12-01"),
    ({"ends_on": (DAY - timedelta(days=1)).isoformat()}, "结束日期：须不早于开始日期2026-12-10"),
    ({"channel": "drone"}, "就餐方式：必须是以下之一：dine_in, pick_up, delivery"),
])
def test_a_refusal_names_its_field_in_chinese_and_stores_nothing(client, auth, kitchen, database, clock, changes,
                                                                 message):
    auth.login("manager")
    html = add(client, kitchen.resident, **changes).get_data(as_text=True)
    assert message in html
    assert rows(database, StandingOrder) == 0


def test_a_pause_is_added_refused_and_removed_from_the_page(client, auth, kitchen, database, clock):
    auth.login("manager")
    data = {"resident_id": kitchen.resident, "from_day": DAY.isoformat(), "to_day": DAY.isoformat(), "reason": ""}
    html = client.post("/orders/standing/pauses", data=data, follow_redirects=True).get_data(as_text=True)
    assert "原因：请填写暂停原因（如住院、外出）" in html
    assert rows(database, OrderPause) == 0
    html = client.post("/orders/standing/pauses", data=data | {"reason": "住院"},
                       follow_redirects=True).get_data(as_text=True)
    assert "已暂停：2026-12-10至2026-12-10。" in html
    assert "<td>2026-12-10</td><td>2026-12-10</td><td>住院</td>" in html
    with database.reader() as session:
        pause_id = session.scalars(select(OrderPause.id)).one()
    html = client.post(f"/orders/standing/pauses/{pause_id}/remove", data={"resident_id": kitchen.resident},
                       follow_redirects=True).get_data(as_text=True)
    assert "暂停已取消。" in html and "没有暂停。" in html


def test_ending_from_the_page(client, auth, kitchen, database, clock):
    auth.login("manager")
    add(client, kitchen.resident)
    with database.reader() as session:
        standing_id = session.scalars(select(StandingOrder.id)).one()
    html = client.post(f"/orders/standing/{standing_id}/end", data={"resident_id": kitchen.resident},
                       follow_redirects=True).get_data(as_text=True)
    assert "长期订餐已停止；已生成的订单保留。" in html and "生效中的长期订餐 · 0" in html
    again = client.post(f"/orders/standing/{standing_id}/end", data={"resident_id": kitchen.resident},
                        follow_redirects=True).get_data(as_text=True)
    assert "该长期订餐已经停止" in again


def test_the_orders_page_books_standing_orders_once_the_cut_off_has_passed(client, auth, kitchen, database, clock):
    auth.login("manager")
    add(client, kitchen.resident)
    clock["at"] = at(DAY, 9, 29)
    assert 'class="tag standing"' not in client.get(f"/orders?day={DAY.isoformat()}").get_data(as_text=True)
    assert rows(database, MealOrder) == 0
    clock["at"] = at(DAY, 9, 30)
    for _ in range(2):  # a second look books nothing new
        html = client.get(f"/orders?day={DAY.isoformat()}").get_data(as_text=True)
        assert '<td>张桂兰 <span class="tag standing">长期</span></td>' in html
    assert rows(database, MealOrder) == 1


def test_a_cashier_may_not_open_the_page(client, auth, kitchen):
    auth.login("cashier")
    assert client.get("/orders/standing").status_code == 403
    assert client.post("/orders/standing", data=FORM).status_code == 403


def test_the_command_books_what_has_reached_its_cut_off(runner, kitchen, database, clock, client, auth):
    auth.login("manager")
    add(client, kitchen.resident)
    clock["at"] = at(DAY, 9, 30)
    result = runner.invoke(args=["orders", "generate", "--day", DAY.isoformat()])
    assert result.output == ("2026-12-10 breakfast: booked 0; skipped 0 paused, 0 booked already, 0 closed, "
                             "0 moved away or died\n2026-12-10 lunch: booked 1; skipped 0 paused, 0 booked already, "
                             "0 closed, 0 moved away or died\n")
    again = runner.invoke(args=["orders", "generate"])
    assert "2026-12-10 lunch: booked 0; skipped 0 paused, 1 booked already" in again.output
    early = runner.invoke(args=["orders", "generate", "--day", DAY.isoformat(), "--period", "dinner"])
    assert (early.exit_code, early.output) == (
        1, "Error: 2026-12-10晚餐的长期订餐在截止时间2026-12-10 14:00生成\n")
