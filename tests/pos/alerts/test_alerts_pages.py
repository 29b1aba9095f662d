"""The dashboard's "needs attention" section and /alerts: an alert with whom to call, acknowledged with a note (a
missing note refused with the form kept), the not-seen list, and the setting that decides it."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from pos.alerts.models import Alert
from pos.alerts.services import raise_alert
from pos.audit import Actor
from pos.canteens.models import Canteen
from pos.clock import local_date, utc_now
from tests.pos.alerts.conftest import NOW, contacts, order
from tests.support.html import rows_of, text_of


def a_not_at_home_alert(make, database) -> tuple[int, int]:
    """张桂兰's delivered lunch found nobody at home; returns (resident, alert)."""
    make.canteen()
    zhang = contacts(database, make.resident("张桂兰", born=date(1940, 2, 3)))
    lunch = order(database, zhang, date(2026, 12, 10), status="not_served")
    with database.unit_of_work() as session:
        alert = raise_alert(session, "missed_delivery", zhang, {"order_id": lunch, "meal_period": "lunch",
                                                            "rider": "王师傅"}, Actor(), NOW)
    return zhang, alert


def open_alert(database, alert_id: int) -> bool:
    with database.reader() as session:
        return session.scalar(select(Alert.acknowledged_at).where(Alert.id == alert_id)) is None


def test_the_dashboard_shows_a_manager_the_alert_and_whom_to_call(client, auth, make, database):
    zhang, alert = a_not_at_home_alert(make, database)
    auth.login("manager")
    html = client.get("/").get_data(as_text=True)
    assert text_of(html, "attention-heading") == "需要关注 · 1"
    assert rows_of(html, "attention")[1][:4] == [
        "张桂兰 13812345678 新百汇社区 3号楼2单元501", "送餐时不在家 · 午餐 · 送餐员：王师傅", "2026-12-10 12:30",
        "李建国 13900001111"]
    assert f'action="/alerts/{alert}/acknowledge"' in html and 'name="csrf_token"' in html
    assert 'href="/alerts">全部提醒及未见到的居民</a>' in html


def test_a_cashier_s_dashboard_has_no_alerts_and_alerts_is_closed(client, auth, make, database):
    a_not_at_home_alert(make, database)
    auth.login("cashier")
    assert "需要关注" not in client.get("/").get_data(as_text=True)
    assert client.get("/alerts").status_code == 403


def test_acknowledging_without_a_note_is_refused_and_keeps_the_form(client, auth, make, database):
    _zhang, alert = a_not_at_home_alert(make, database)
    auth.login("manager")
    blank = client.post(f"/alerts/{alert}/acknowledge", data={"note": "  ", "back": "dashboard"})
    assert blank.status_code == 422
    html = blank.get_data(as_text=True)
    assert text_of(html, f"error-{alert}") == "备注：必须填写：做了什么，例如给谁打了电话"
    long = client.post(f"/alerts/{alert}/acknowledge", data={"note": "打" * 301})
    assert long.status_code == 422
    assert f'value="{"打" * 301}"' in long.get_data(as_text=True)
    assert open_alert(database, alert)


def test_acknowledging_from_the_dashboard_with_a_note(client, auth, make, database):
    _zhang, alert = a_not_at_home_alert(make, database)
    auth.login("manager")
    done = client.post(f"/alerts/{alert}/acknowledge", data={"note": "已联系女儿，老人去医院复查", "back": "dashboard"},
                       follow_redirects=True)
    html = done.get_data(as_text=True)
    assert done.request.path == "/"
    assert "张桂兰：提醒已处理。" in html and "没有待处理的提醒。" in html
    assert not open_alert(database, alert)
    page = client.get("/alerts").get_data(as_text=True)
    assert rows_of(page, "acknowledged")[1][4] == "已联系女儿，老人去医院复查"
    again = client.post(f"/alerts/{alert}/acknowledge", data={"note": "再看看"}, follow_redirects=True)
    assert "提醒已由" in again.get_data(as_text=True)
    assert "已联系女儿，老人去医院复查" in again.get_data(as_text=True)


def test_the_not_seen_list_with_days_and_emergency_contact(client, auth, make, database, canteen):
    today = local_date(utc_now(), "Asia/Shanghai")
    stopped = contacts(database, make.resident("张桂兰", born=date(1940, 2, 3), balance_fen=20_000))
    card = make.card(stopped)
    canteen.meals(card, today - timedelta(days=9), today - timedelta(days=2))
    auth.login("manager")
    html = client.get("/alerts").get_data(as_text=True)
    assert text_of(html, "not-seen-heading") == "未见到的居民 · 1"
    assert rows_of(html, "not-seen")[1] == [
        "张桂兰 13812345678 新百汇社区 3号楼2单元501", (today - timedelta(days=2)).isoformat(), "2", "平时常来就餐",
        "李建国 13900001111"]
    with database.unit_of_work() as session:
        session.scalars(select(Canteen)).one().not_seen_days = 3
    html = client.get("/alerts").get_data(as_text=True)
    assert text_of(html, "not-seen-heading") == "未见到的居民 · 0"
    assert "应到的居民都已见到。" in html


def test_the_page_in_english(client, auth, make, database):
    a_not_at_home_alert(make, database)
    auth.login("manager")
    client.get("/locale/en")
    html = client.get("/alerts").get_data(as_text=True)
    assert "<h1>Needs attention</h1>" in html
    assert "Not at home for a delivery · Lunch · Rider: 王师傅" in html
    assert rows_of(html, "not-seen")[1] == ["Everyone expected has been seen."]


def test_the_setting_is_on_the_settings_page(client, auth, make, database):
    make.canteen()
    auth.login("admin")
    html = client.get("/settings").get_data(as_text=True)
    assert 'name="not_seen_days" type="number" value="2"' in html
    form = {"name": "测试食堂", "hours_lunch": "10:30-13:30", "not_seen_days": "0", "sale_needs_shift": "1"}
    refused = client.post("/settings", data=form)
    assert refused.status_code == 422
    assert text_of(refused.get_data(as_text=True), "error-not_seen_days") == "必须是 1 到 30 之间的整数天数"
    assert 'name="not_seen_days" type="number" value="0"' in refused.get_data(as_text=True)
    client.post("/settings", data=form | {"not_seen_days": "３"})
    with database.reader() as session:
        assert session.scalars(select(Canteen)).one().not_seen_days == 3
