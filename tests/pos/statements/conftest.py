"""A month of a few sales, sold through the API, for the claim and statement tests."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone

import pytest

from pos.sales.models import Sale
from pos.statements.periods import Month

BORN_1951 = date(1951, 6, 1)  # 75: the 70–79 rule, 2 yuan from the district
BORN_1948 = date(1948, 2, 1)  # 78 and 低保: 5 yuan, district 3 and street 2


def lunch(credential, dish, key, qty=1, **extra):
    return {"credential": credential, "items": [{"dish_id": dish, "qty": qty}], "meal_period": "lunch",
            "idempotency_key": key} | extra


@dataclass
class Month_:
    month: Month
    sales: list[dict]
    residents: tuple[int, int]
    topup_id: int

    def after(self, months: int = 1) -> datetime:
        """A moment in the month `months` after this one ended (claims issue then)."""
        m = self.month
        for _ in range(months):
            m = Month(m.next_first.year, m.next_first.month)
        return datetime(m.first.year, m.first.month, 2, 4, tzinfo=timezone.utc)


@pytest.fixture
def month_of_sales(api, make, database) -> Month_:
    """Three lunches: a 75-year-old (district 2 yuan), a 低保 resident (district 3 + street 2), a walk-in for cash."""
    aged = make.resident("张桂兰", born=BORN_1951, balance_fen=10_000)
    poor = make.resident("李明德", born=BORN_1948, categories=("dibao",), balance_fen=10_000)
    pork = make.dish("红烧肉", 1200)
    sales = [api.post("/api/v1/sales", lunch({"card_uid": make.card(aged, "04A1B2C3")}, pork, "key-aged-1")).get_json(),
             api.post("/api/v1/sales", lunch({"card_uid": make.card(poor, "04A1B2C4")}, pork, "key-poor-1")).get_json(),
             api.post("/api/v1/sales", lunch({"walk_in": True}, make.dish("青菜", 800, "vegetable"), "key-walk-1",
                                             payment_method="cash")).get_json()]
    assert all("sale_id" in s for s in sales), sales
    topup = api.post(f"/api/v1/residents/{aged}/topups", {"amount_fen": 2000, "method": "cash",
                                                        "idempotency_key": "topup-aged-1"}).get_json()
    with database.unit_of_work() as session:
        day = session.get(Sale, sales[0]["sale_id"]).business_date
    return Month_(Month(day.year, day.month), sales, (aged, poor), topup["top_up_id"])
