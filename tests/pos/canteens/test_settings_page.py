"""/settings: the admins' form of the canteen's settings; and every page showing the canteen's stored name."""
from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy import select

from pos.audit import AuditEntry
from pos.canteens.models import Canteen

FORM = {"name": "新百汇社区便民餐厅", "address": "尧都区解放路12号", "phone": "0357-2345678",
        "hours_breakfast": "", "hours_lunch": "11:00-13:00", "hours_dinner": "16:30-18:30",
        "receipt_footer": "谢谢惠顾", "printer": "none", "public_base_url": "https://canteen.example.cn",
        "sale_needs_shift": "1"}
TEMPLATES = Path(__file__).parents[3] / "pos" / "templates"


def value_of(html: str, name: str) -> str:
    return re.search(rf'name="{name}" type="text" value="([^"]*)"', html).group(1)


def the_canteen(database) -> tuple[str, str, bool, int]:
    with database.unit_of_work() as session:
        canteen = session.scalars(select(Canteen)).one()
        changes = len(session.scalars(select(AuditEntry).where(AuditEntry.action == "canteen.changed")).all())
        return canteen.name, canteen.hours, canteen.sale_needs_shift, changes


def test_an_admin_sees_the_current_settings(client, auth, make):
    make.canteen(name="测试食堂", hours="lunch=10:30-13:30,dinner=16:30-19:00")
    auth.login("admin")
    html = client.get("/settings").get_data(as_text=True)
    assert "<h1>食堂设置</h1>" in html and '<span class="brand">测试食堂</span>' in html
    assert [value_of(html, n) for n in ("name", "hours_breakfast", "hours_lunch", "hours_dinner", "printer")] == [
        "测试食堂", "", "10:30-13:30", "16:30-19:00", "none"]
    assert 'name="sale_needs_shift" value="1" checked' in html
    assert "目前仅保存此设置：收银台尚不会拒绝未开班时的收款。" in html
    assert '<a href="/settings" aria-current="page">设置</a>' in html  # in the admin's navigation


def test_saving_stores_the_settings_and_says_so(client, auth, make, database):
    make.canteen(name="测试食堂")
    auth.login("admin")
    response = client.post("/settings", data=FORM)
    assert (response.status_code, response.location) == (302, "/settings")
    html = client.get("/settings").get_data(as_text=True)
    assert '<p class="flash ok" role="alert">设置已保存。</p>' in html
    assert '<span class="brand">新百汇社区便民餐厅</span>' in html and value_of(html, "receipt_footer") == "谢谢惠顾"
    assert the_canteen(database) == ("新百汇社区便民餐厅", "lunch=11:00-13:00,dinner=16:30-18:30", True, 1)
    client.post("/settings", data={k: v for k, v in FORM.items() if k != "sale_needs_shift"})  # the box unticked
    assert the_canteen(database)[2:] == (False, 2)
    client.post("/settings", data={k: v for k, v in FORM.items() if k != "sale_needs_shift"})
    assert "没有任何修改。" in client.get("/settings").get_data(as_text=True) and the_canteen(database)[3] == 2


def test_refused_fields_are_named_in_chinese_the_values_kept_and_nothing_saved(client, auth, make, database):
    make.canteen(name="测试食堂")
    auth.login("admin")
    bad = {**FORM, "name": "新名字", "hours_lunch": "13:00-11:00", "hours_dinner": "12:00-19:00",
           "printer": "打印机", "public_base_url": "https://canteen.example.cn/?a=1", "sale_needs_shift": ""}
    response = client.post("/settings", data=bad)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "没有保存任何修改。" in html
    for name, reason in (("hours_lunch", "午餐：开始时间 13:00 须早于结束时间 11:00"),
                         ("printer", "小票打印机：须为 none、tcp://主机:端口 或设备路径，如 /dev/usb/lp0"),
                         ("public_base_url", "小票二维码的公网地址：不能包含 ?、# 或用户名")):
        assert f'<li><a href="#field-{name}">{reason}</a></li>' in html
        assert f'<p class="error" role="alert" id="error-{name}">{reason.split("：", 1)[1]}</p>' in html
    assert [value_of(html, n) for n in ("name", "hours_lunch", "hours_dinner", "printer", "public_base_url")] == [
        "新名字", "13:00-11:00", "12:00-19:00", "打印机", "https://canteen.example.cn/?a=1"]
    assert 'name="sale_needs_shift" value="1" >' in html  # unticked, as sent
    assert the_canteen(database) == ("测试食堂", "breakfast=06:30-09:00,lunch=10:30-13:30,dinner=16:30-19:00",
                                     True, 0)


def test_overlapping_hours_name_the_other_meal_period(client, auth, make):
    make.canteen()
    auth.login("admin")
    html = client.post("/settings", data={**FORM, "hours_dinner": "12:30-19:00"}).get_data(as_text=True)
    assert '<li><a href="#field-hours_dinner">晚餐：与午餐时间（11:00-13:00）重叠</a></li>' in html
    html = client.post("/settings", data={**FORM, "hours_lunch": "", "hours_dinner": ""}).get_data(as_text=True)
    assert '<li><a href="#field-hours">供餐时间：请至少填写一个餐次的供餐时间</a></li>' in html


def test_only_admins_may_open_or_save_the_settings(client, auth, make, database):
    make.canteen(name="测试食堂")
    assert client.get("/settings").status_code == 302  # to the sign-in page
    for role in ("cashier", "manager"):
        auth.login(role)
        assert client.get("/settings").status_code == 403
        assert client.post("/settings", data=FORM).status_code == 403
        assert 'href="/settings"' not in client.get("/").get_data(as_text=True)
        auth.logout()
    assert the_canteen(database)[0] == "测试食堂"


def test_the_form_needs_its_csrf_token(app, client, auth, make, database):
    make.canteen(name="测试食堂")
    auth.login("admin")
    app.config["WTF_CSRF_ENABLED"] = True
    assert client.post("/settings", data=FORM).status_code == 400
    assert the_canteen(database)[0] == "测试食堂"
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/settings").get_data(as_text=True)).group(1)
    assert client.post("/settings", data={**FORM, "csrf_token": token}).status_code == 302
    assert the_canteen(database)[0] == "新百汇社区便民餐厅"


def test_the_english_page_names_fields_in_english(client, auth, make):
    make.canteen()
    auth.login("admin")
    client.get("/locale/en")
    html = client.post("/settings", data={**FORM, "phone": "call me"}).get_data(as_text=True)
    assert '<li><a href="#field-phone">Phone: must be digits, such as 0357-2345678 or 13812345678</a></li>' in html


def test_every_page_shows_the_stored_name(client, auth, make):
    make.canteen(name="测试食堂")
    make.canteen_settings(name="新百汇社区便民餐厅")
    assert "<title>登录 · 新百汇社区便民餐厅</title>" in client.get("/login").get_data(as_text=True)
    auth.login("admin")
    for path in ("/", "/menu/", "/policies/", "/counter", "/settings", "/no-such-page"):
        html = client.get(path, follow_redirects=True).get_data(as_text=True)
        assert '<span class="brand">新百汇社区便民餐厅</span>' in html, path


def test_no_template_takes_the_name_from_the_environment():
    readers = sorted(str(p.relative_to(TEMPLATES)) for p in TEMPLATES.rglob("*.html")
                     if "config.CANTEEN_NAME" in p.read_text(encoding="utf-8"))
    assert readers == []
