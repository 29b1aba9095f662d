"""/me/residents/<id>/meals, the 订餐 page: the resident books the set lunch with a channel, sees it on /me, cancels;
after the cut-off the button is gone and a forged post changes nothing; nobody opens another resident's meals."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from pos.me import meal_routes
from pos.orders import services
from pos.orders.models import MealOrder
from pos.orders.services import Booking
from tests.pos.me.conftest import PIN
from tests.pos.orders.conftest import DAY, at, counts, kitchen  # noqa: F401


@pytest.fixture
def clock(monkeypatch):
    now = {"at": at(DAY - timedelta(days=1), 18)}
    monkeypatch.setattr(meal_routes, "utc_now", lambda: now["at"])
    return now


@pytest.fixture
def phone(app, api, kitchen):  # noqa: F811
    """张桂兰's phone signed in on /me."""
    api.post("/api/v1/cards", {"resident_id": kitchen.resident, "uid": "04A1B2C3"})
    api.post(f"/api/v1/residents/{kitchen.resident}/pin", {"pin": PIN})
    browser = app.test_client()
    assert browser.post("/me/sign-in", data={"card": "04A1B2C3", "pin": PIN}).status_code == 302
    return browser


def book(phone, resident_id, key="me-page-0001", channel="pick_up"):
    return phone.post(f"/me/residents/{resident_id}/meals", data={
        "idempotency_key": key, "day": DAY.isoformat(), "meal_period": "lunch", "channel": channel},
        follow_redirects=True)


def test_the_page_shows_the_meals_with_their_price_and_a_book_button(phone, kitchen, clock):  # noqa: F811
    html = phone.get(f"/me/residents/{kitchen.resident}/meals").get_data(as_text=True)
    lunch = html.split(f'id="meal-{DAY.isoformat()}-lunch"')[1].split("</article>")[0]
    assert "红烧肉、清炒油菜" in lunch and "价格\u00a512.00，补贴\u00a52.00，应付\u00a510.00" in lunch
    assert 'value="pick_up"' in lunch and "09:30前可以预订。" in lunch and ">预订</button>" in lunch
    assert "晚餐" in html and "\u00a550.00" in html


def test_booking_cancelling_and_the_home_page(phone, kitchen, clock, database):  # noqa: F811
    html = book(phone, kitchen.resident).get_data(as_text=True)
    assert f"{DAY.isoformat()}的午餐已预订。" in html and "已预订 · 自取" in html and "取消预订" in html
    assert "已预订" in book(phone, kitchen.resident).get_data(as_text=True)  # the same post again: booked once
    with database.reader() as session:
        order = session.scalars(select(MealOrder)).one()
        assert (order.channel, order.booked_by_resident_id, order.booked_by_staff_id) == ("pick_up", kitchen.resident,
                                                                                         None)
    home = phone.get("/me").get_data(as_text=True)
    assert f'data-order="{order.id}"' in home and "午餐" in home and "自取" in home
    html = phone.post(f"/me/orders/{order.id}/cancel", follow_redirects=True).get_data(as_text=True)
    assert "已取消，不收费。" in html
    with database.reader() as session:
        assert session.get_one(MealOrder, order.id).status == "cancelled"


def test_after_the_cut_off_the_button_is_gone_and_a_forged_post_changes_nothing(phone, kitchen, clock, database):  # noqa: F811
    clock["at"] = at(DAY, 9, 30)
    html = phone.get(f"/me/residents/{kitchen.resident}/meals").get_data(as_text=True)
    lunch = html.split(f'id="meal-{DAY.isoformat()}-lunch"')[1].split("</article>")[0]
    assert "订餐已于09:30截止。" in lunch and "<form" not in lunch
    html = book(phone, kitchen.resident).get_data(as_text=True)
    assert "预订2026-12-10的午餐已于2026-12-10 09:30截止" in html
    assert counts(database) == (0, 0, 0)


def test_another_resident_s_meals_are_refused(phone, kitchen, clock, make, database):  # noqa: F811
    other = make.resident(name="王建国", balance_fen=3000)
    page = phone.get(f"/me/residents/{other}/meals")
    assert page.status_code == 403 and "您只能查看和预订自己的餐" in page.get_data(as_text=True)
    assert book(phone, other).status_code == 403
    assert counts(database) == (0, 0, 0)
    with database.unit_of_work() as session:
        theirs = services.book(session, Booking(other, DAY, "lunch", "dine_in"), kitchen.staff, clock["at"],
                               "Asia/Shanghai", "zh_CN")["id"]
    assert phone.post(f"/me/orders/{theirs}/cancel").status_code == 403
    with database.reader() as session:
        assert session.get_one(MealOrder, theirs).status == "booked"


def test_some_dishes_of_the_meal_are_booked_and_none_is_refused(phone, kitchen, clock, database):  # noqa: F811
    offered = [kitchen.pork, kitchen.greens]
    form = {"idempotency_key": "me-page-0002", "day": DAY.isoformat(), "meal_period": "lunch", "channel": "dine_in",
            "offered": offered}
    refused = phone.post(f"/me/residents/{kitchen.resident}/meals", data=form, follow_redirects=True)
    assert "请至少勾选一个菜" in refused.get_data(as_text=True)
    assert counts(database) == (0, 0, 0)
    html = phone.post(f"/me/residents/{kitchen.resident}/meals", data=form | {"dish": [kitchen.greens]},
                      follow_redirects=True).get_data(as_text=True)
    assert "应付\u00a54.00" in html  # greens alone: 4 yuan, under the 70–79 rule's minimum spend
    with database.reader() as session:
        order = session.scalars(select(MealOrder)).one()
        assert ([(line.dish_id, line.qty) for line in order.lines], order.set_meal) == ([(kitchen.greens, 1)], False)
