"""The daily closing says which cash nobody counted (未清点): cash taken outside any shift, and a shift still
open, are never shown as counted with a difference of 0.00; counted shifts keep their figures."""
from __future__ import annotations

import re
from datetime import date

from pos.clock import local_date, utc_now
from pos.db import read_session
from pos.statements import services
from tests.receipts.pdftools import pdf_lines

CASH_ROWS = ("应有现金", "实点现金", "现金差额", "未清点现金")


def today(app) -> date:
    return local_date(utc_now(), app.extensions["canteen_config"].timezone)


def walk_in(dish: int, key: str) -> dict:
    return {"credential": {"walk_in": True}, "items": [{"dish_id": dish, "qty": 1}], "meal_period": "lunch",
            "payment_method": "cash", "idempotency_key": key}


def a_day(api, make) -> None:
    """A cash lunch outside any shift (the canteen allows it), a shift counted 1 yuan short, a shift still open."""
    make.canteen_settings(sale_needs_shift=False)
    rice, noodles = make.dish("盖浇饭", 1200), make.dish("汤面", 800)
    assert api.post("/api/v1/sales", walk_in(rice, "outside-shift-1")).status_code == 201
    first = api.post("/api/v1/shifts", {"opening_float_fen": 5000}).get_json()["shift"]["id"]
    assert api.post("/api/v1/sales", walk_in(noodles, "in-shift-0001")).status_code == 201
    assert api.post(f"/api/v1/shifts/{first}/close", {"counted_cash_fen": 5700}).status_code == 200
    assert api.post("/api/v1/shifts", {"opening_float_fen": 2000}).status_code == 201


def test_cash_outside_shifts_and_in_an_open_shift_is_uncounted(app, api_off_shift, make):
    a_day(api_off_shift, make)
    with app.test_request_context():
        closing = services.closing_for(read_session(), app.extensions["canteen_config"], today(app), "王经理", utc_now())
    cash = [(s.label, s.meals, s.cash_fen, s.cash_expected_fen, s.cash_counted_fen, s.cash_difference_fen,
             s.cash_uncounted_fen) for s in (*closing.shifts, closing.day_total)]
    assert cash == [("cashier-api #1", 1, 800, 5800, 5700, -100, 0),
                    ("cashier-api #2(未结班)", 0, 0, 2000, None, None, 2000),
                    ("班次外", 1, 1200, 1200, None, None, 1200),
                    ("全天合计", 2, 2000, 9000, 5700, -100, 3200)]


def test_the_closing_page_and_pdf_say_uncounted(app, api_off_shift, make, tmp_path):
    a_day(api_off_shift, make)
    manager = app.test_client()
    make.user("经理", "manager")
    manager.post("/login", data={"username": "经理", "password": "secret-pass"})
    page = manager.get("/statements/closing").get_data(as_text=True)
    rows = {label: re.findall(r"<td>(.*?)</td>", cells) for label, cells in re.findall(
        r"<tr><th>(.*?)</th>(.*?)</tr>", page.split('id="closing"')[1].split("</table>")[0])}
    uncounted = '<span class="uncounted">未清点</span>'
    assert {label: rows[label] for label in CASH_ROWS} == {
        "应有现金": ["¥58.00", "¥20.00", "¥12.00", "¥90.00"], "实点现金": ["¥57.00", uncounted, uncounted, "¥57.00"],
        "现金差额": ["-¥1.00", uncounted, uncounted, "-¥1.00"], "未清点现金": ["¥0.00", "¥20.00", "¥12.00", "¥32.00"]}
    pdf = manager.get(f"/statements/closing.pdf?date={today(app).isoformat()}")
    path = tmp_path / "closing.pdf"
    path.write_bytes(pdf.data)
    lines = [line for line in pdf_lines(path) if line.startswith(CASH_ROWS)]
    assert lines == ["应有现金 58.00 20.00 12.00 90.00", "实点现金 57.00 未清点 未清点 57.00",
                     "现金差额 -1.00 未清点 未清点 -1.00", "未清点现金 0.00 20.00 12.00 32.00"]


def test_a_day_with_every_drawer_counted_has_no_uncounted_row(app, api_off_shift, make):
    shift = api_off_shift.post("/api/v1/shifts", {"opening_float_fen": 1000}).get_json()["shift"]["id"]
    assert api_off_shift.post("/api/v1/sales", walk_in(make.dish("汤面", 800), "counted-day-1")).status_code == 201
    api_off_shift.post(f"/api/v1/shifts/{shift}/close", {"counted_cash_fen": 1800})
    with app.test_request_context():
        closing = services.closing_for(read_session(), app.extensions["canteen_config"], today(app), "王经理", utc_now())
    total = closing.day_total
    assert (total.cash_expected_fen, total.cash_counted_fen, total.cash_difference_fen, total.cash_uncounted_fen) == (
        1800, 1800, 0, 0)
    assert [label for label, _attr in closing.rows][-3:] == ["应有现金", "实点现金", "现金差额"]


