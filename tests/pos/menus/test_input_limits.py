"""The week page's forms refuse a slot name no column holds, a control character or an id beyond an integer."""
from __future__ import annotations

import re

from sqlalchemy import select

from pos.menus.models import MenuSlot
from tests.pos.menus.conftest import WEEK


def message(response) -> tuple[int, str]:
    return response.status_code, re.search(r"<h1>\d+</h1>\s*<p>([^<]*)</p>", response.get_data(as_text=True))[1]


def slots(database) -> list[tuple]:
    with database.reader() as session:
        return [(s.slot, s.dish_id, s.pinned) for s in session.scalars(select(MenuSlot).order_by(MenuSlot.id))]


def test_refused_slots_name_the_field_and_change_nothing(client, auth, plan, database):
    plan()
    auth.login("manager")
    before = slots(database)
    day = "2026-11-30"
    control = client.post(f"/menu/{WEEK}/pin", data={"day": day, "period": "lunch\x00", "slot": "meat"})
    assert message(control) == (422, "不能包含控制字符")
    too_long = client.post(f"/menu/{WEEK}/pin", data={"day": day, "period": "lunch", "slot": "m" * 25})
    assert message(too_long) == (422, "必须是不超过 24 个字符的文字")
    no_dish = client.post(f"/menu/{WEEK}/swap", data={"day": day, "period": "lunch", "slot": "meat",
                                                     "dish_id": "1" + "0" * 20})
    assert message(no_dish) == (422, "菜品：必须是 1 到 2147483647 之间的整数")
    assert slots(database) == before
