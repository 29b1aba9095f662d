"""The booking cut-off of each meal period: stored on the canteen, shown and checked on /settings."""
from __future__ import annotations

import re
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy import select

from pos.canteens.cutoffs import Cutoff, format_cutoffs, parse_cutoffs
from pos.canteens.models import Canteen
from tests.pos.canteens.test_settings_page import FORM


def test_the_defaults_close_breakfast_the_evening_before_and_lunch_and_dinner_the_same_day():
    cutoffs = parse_cutoffs("")
    assert cutoffs == {"breakfast": Cutoff(1, time(19)), "lunch": Cutoff(0, time(9, 30)), "dinner": Cutoff(0, time(14))}
    assert format_cutoffs(cutoffs) == "breakfast=1@19:00,lunch=0@09:30,dinner=0@14:00"
    assert cutoffs["breakfast"].closes(date(2026, 12, 10), "Asia/Shanghai") == datetime(
        2026, 12, 9, 19, tzinfo=ZoneInfo("Asia/Shanghai"))


def test_an_unreadable_stored_period_takes_its_default():
    assert parse_cutoffs("lunch=1@16:00,dinner=7@14:00,supper=0@10:00")["lunch"] == Cutoff(1, time(16))
    assert parse_cutoffs("dinner=7@14:00")["dinner"] == Cutoff(0, time(14))


def cutoff_of(html: str, name: str) -> tuple[str, str]:
    """The day chosen (1: the day before) and the time shown for one meal period."""
    chosen = re.findall(r'<option value="(\d)" selected>', html.split(f'name="{name}_day"')[1].split("</select>")[0])
    at = re.search(rf'name="{name}" type="text" inputmode="numeric" value="([^"]*)"', html).group(1)
    return chosen[0], at


def test_an_admin_sets_lunch_to_16_00_the_day_before(client, auth, make, database):
    make.canteen()
    auth.login("admin")
    html = client.get("/settings").get_data(as_text=True)
    assert "预约订餐" in html
    assert [cutoff_of(html, f"cutoff_{p}") for p in ("breakfast", "lunch", "dinner")] == [
        ("1", "19:00"), ("0", "09:30"), ("0", "14:00")]
    response = client.post("/settings", data=FORM | {"cutoff_lunch_day": "1", "cutoff_lunch": "16:00",
                                                     "cutoff_breakfast_day": "1", "cutoff_breakfast": "19:00",
                                                     "cutoff_dinner_day": "0", "cutoff_dinner": "14:00"})
    assert response.status_code == 302
    with database.unit_of_work() as session:
        assert session.scalars(select(Canteen)).one().order_cutoffs == "breakfast=1@19:00,lunch=1@16:00,dinner=0@14:00"


def test_a_wrong_cut_off_is_named_and_nothing_is_saved(client, auth, make, database):
    make.canteen()
    auth.login("admin")
    response = client.post("/settings", data=FORM | {"cutoff_dinner_day": "0", "cutoff_dinner": "25:00"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "晚餐：须为时间，如09:30，在当天或前一天" in html
    with database.unit_of_work() as session:
        canteen = session.scalars(select(Canteen)).one()
        assert (canteen.name, canteen.order_cutoffs) == ("测试食堂", "breakfast=1@19:00,lunch=0@09:30,dinner=0@14:00")
