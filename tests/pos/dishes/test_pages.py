"""The catalog pages: who may use them, the forms' refusals (named, values kept, nothing stored), import, export."""
from __future__ import annotations

import io
import re
from datetime import timedelta

import openpyxl
import pytest
from sqlalchemy import func, select

from pos.clock import local_date, utc_now
from pos.dishes.models import Dish, DishPrice

FISH_FORM = {"name": "清蒸鲈鱼", "name_en": "Steamed sea bass", "code": "", "category": "meat", "price": "12.00",
             "main_ingredient": "鲈鱼", "food_group": "fish", "method": "steam", "flags": ["soft", "low_salt"],
             "allergens": ["fish", "soy"], "periods": ["lunch", "dinner"], "kcal": "180", "protein_g": "22",
             "fat_g": "8", "sodium_mg": "380", "cost": "6.50", "wok_min": "0", "prep_min": "20"}


def today():
    return local_date(utc_now(), "Asia/Shanghai")


def dish_count(database) -> int:
    with database.unit_of_work() as session:
        return session.scalar(select(func.count()).select_from(Dish))


@pytest.mark.parametrize("path", ["/dishes/", "/dishes/new", "/dishes/import", "/dishes/export.csv"])
def test_cashiers_may_not_use_the_catalog(client, auth, path):
    assert client.get(path).status_code == 302  # to the login
    auth.login("cashier")
    assert client.get(path).status_code == 403


def test_cashiers_may_not_change_a_price(client, auth, make, database):
    dish = make.dish("红烧肉", 1200)
    auth.login("cashier")
    response = client.post(f"/dishes/{dish}/price", data={"price": "1.00", "effective_from": today().isoformat()})
    assert response.status_code == 403
    with database.unit_of_work() as session:
        assert session.scalar(select(func.count()).select_from(DishPrice)) == 1


def test_a_manager_adds_a_dish_and_finds_it_by_pinyin_initials(client, auth, database):
    auth.login("manager")
    response = client.post("/dishes/new", data=FISH_FORM)
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "已新增菜品 清蒸鲈鱼，今天起销售。" in page and "¥12.00" in page and "执行中" in page
    listing = client.get("/dishes/?q=qzly").get_data(as_text=True)
    assert "清蒸鲈鱼" in listing and "共 1 道菜" in listing
    assert "共 0 道菜" in client.get("/dishes/?q=hsr").get_data(as_text=True)


def test_a_refused_form_names_the_field_keeps_the_values_and_stores_nothing(client, auth, database):
    auth.login("manager")
    response = client.post("/dishes/new", data=FISH_FORM | {"cost": "-1", "name_en": "Sea bass, steamed"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "没有保存任何修改" in page and "食材成本（元）: 须为不小于 0 的金额（元），最多两位小数，如 12.50" in page
    assert 'value="Sea bass, steamed"' in page and 'value="-1"' in page
    assert re.search(r'value="soy"\s+checked', page)
    response = client.post("/dishes/new", data=FISH_FORM | {"allergens": ["fish", "durian"]})
    assert response.status_code == 422 and "“durian”不在可选范围内" in response.get_data(as_text=True)
    assert dish_count(database) == 0


def test_a_price_change_from_a_past_day_is_refused_with_the_reason(client, auth, make, database):
    dish = make.dish("红烧肉", 1200)
    auth.login("manager")
    yesterday = today() - timedelta(days=1)
    response = client.post(f"/dishes/{dish}/price", data={"price": "15.00", "effective_from": yesterday.isoformat()})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "价格未调整" in page and f"{yesterday.isoformat()} 已开始或已过去：当天已结算的销售会被改价" in page
    assert 'value="15.00"' in page
    with database.unit_of_work() as session:
        assert session.scalar(select(func.count()).select_from(DishPrice)) == 1


def test_a_price_change_from_tomorrow_shows_in_the_history(client, auth, make):
    dish = make.dish("红烧肉", 1200)
    auth.login("manager")
    tomorrow = (today() + timedelta(days=1)).isoformat()
    response = client.post(f"/dishes/{dish}/price", data={"price": "15", "effective_from": tomorrow},
                           follow_redirects=True)
    page = response.get_data(as_text=True)
    assert f"自 {tomorrow} 起新价格 15.00 元" in page
    assert re.search(r'id="price-today">¥12.00<', page)
    history = page[page.index('id="price-history"'):]
    assert history.index("¥15.00") < history.index("¥12.00") and "待生效" in history and "执行中" in history
    assert "调整价格: ¥12.00 → ¥15.00" in page  # in the list of changes
    listing = client.get("/dishes/").get_data(as_text=True)
    assert f"{tomorrow} 起 ¥15.00" in listing


def test_off_sale_and_back(client, auth, make, api):
    dish = make.dish("红烧肉", 1200)
    auth.login("manager")
    page = client.post(f"/dishes/{dish}/off-sale", follow_redirects=True).get_data(as_text=True)
    assert "已停售：收银台不再提供" in page and "恢复销售" in page
    assert [d["id"] for d in api.get("/api/v1/dishes").get_json()] == []
    assert "已停售" in client.get("/dishes/?sale=off").get_data(as_text=True)
    client.post(f"/dishes/{dish}/on-sale")
    assert [d["id"] for d in api.get("/api/v1/dishes").get_json()] == [dish]


def test_edit_keeps_the_values_on_a_clash(client, auth, make, database):
    auth.login("manager")
    client.post("/dishes/new", data=FISH_FORM | {"code": "M01"})
    client.post("/dishes/new", data=FISH_FORM | {"code": "M02", "name": "红烧鱼"})
    with database.unit_of_work() as session:
        second = session.scalar(select(Dish.id).where(Dish.code == "M02"))
    form = client.get(f"/dishes/{second}/edit").get_data(as_text=True)
    assert 'value="红烧鱼"' in form and re.search(r'value="steam"\s+selected', form)
    response = client.post(f"/dishes/{second}/edit", data=FISH_FORM | {"code": "M01", "name": "红烧鱼块"})
    assert response.status_code == 409 and "已是“清蒸鲈鱼”的编码" in response.get_data(as_text=True)
    assert 'value="红烧鱼块"' in response.get_data(as_text=True)
    response = client.post(f"/dishes/{second}/edit", data=FISH_FORM | {"code": "M02", "name": "红烧鱼块"})
    assert response.status_code == 302


CSV_HEAD = "编码,菜名,类别,售价(元),主料,食物类别,做法,过敏原,餐次\n"


def upload(client, text: str, day: str, name: str = "dishes.csv"):
    return client.post("/dishes/import", data={"effective_from": day, "file": (io.BytesIO(text.encode()), name)},
                       content_type="multipart/form-data")


def test_import_reports_every_problem_and_writes_nothing_then_imports_after_confirming(client, auth, database):
    auth.login("manager")
    tomorrow = (today() + timedelta(days=1)).isoformat()
    bad = CSV_HEAD + "M01,清蒸鲈鱼,荤菜,12,鲈鱼,鱼,蒸,鱼、榴莲,午餐\nM02,红烧鱼,荤菜,,草鱼,鱼,烧焖,鱼,午餐\n"
    response = upload(client, bad, tomorrow)
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and "未导入任何内容：共 2 处问题" in page
    rows = re.findall(r"<tr><td>(\d+)</td><td><code class=\"col\">(.+?)</code></td><td class=\"problem\">(.+?)</td>",
                      page)
    assert rows == [("2", "过敏原", "“榴莲”不在可选范围内"), ("3", "售价(元)", "新菜品必须填写")]
    assert dish_count(database) == 0
    good = bad.replace("鱼、榴莲", "鱼").replace("烧焖,鱼,", "烧焖,,").replace("红烧鱼,荤菜,,", "红烧鱼,荤菜,10.50,")
    page = upload(client, good, tomorrow).get_data(as_text=True)
    assert "将新增 2 道菜" in page and dish_count(database) == 0
    payload = re.search(r'name="payload" value="([^"]+)"', page).group(1)
    response = client.post("/dishes/import/confirm", data={"payload": payload, "file_name": "dishes.csv",
                                                           "effective_from": tomorrow}, follow_redirects=True)
    assert "菜品已导入：新增 2 道，修改 0 道，新价格 0 个。" in response.get_data(as_text=True)
    assert dish_count(database) == 2


def test_import_refuses_a_past_day_and_a_wrong_file(client, auth):
    auth.login("manager")
    yesterday = (today() - timedelta(days=1)).isoformat()
    response = upload(client, CSV_HEAD, yesterday)
    assert response.status_code == 422 and "已开始或已过去" in response.get_data(as_text=True)
    response = upload(client, "hello", today().isoformat(), name="dishes.pdf")
    assert response.status_code == 422 and "只能导入" in response.get_data(as_text=True)


def test_export_both_ways(client, auth, make):
    make.dish("红烧肉", 1200)
    auth.login("manager")
    csv_response = client.get("/dishes/export.csv")
    assert csv_response.headers["Content-Disposition"].startswith('attachment; filename="dishes-')
    assert "红烧肉" in csv_response.get_data().decode("utf-8-sig")
    xlsx = client.get("/dishes/export.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.get_data())).active
    assert [sheet["B2"].value, float(sheet["E2"].value)] == ["红烧肉", 12.0]
