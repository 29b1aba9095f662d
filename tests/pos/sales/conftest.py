"""A day of sales at two counters, sold at their own moments, for the back office's sales pages."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from tests.support.selling import Till, local

DAY = date(2026, 11, 20)
NEXT_DAY = date(2026, 11, 21)
BORN_1951 = date(1951, 6, 1)  # 75: the 70–79 rule, 2 yuan from the district
BORN_1948 = date(1948, 2, 1)  # 78 and 低保: 5 yuan, district 3 and street 2


@dataclass
class Day:
    tills: tuple[Till, Till]
    aged: int
    poor: int
    sales: list[dict]  # DAY's four sales, in the order sold, then NEXT_DAY's one
    dishes: tuple[int, int]  # pork (12 yuan), greens (8 yuan)


@pytest.fixture
def day_of_sales(app, make) -> Day:
    """On DAY: 张桂兰's lunch at counter-1, 李明德's lunch at counter-2, a walk-in's cash lunch at counter-1,
    张桂兰's dinner at counter-2; on NEXT_DAY: 张桂兰's lunch at counter-1."""
    make.canteen()
    one, two = Till.open(app, make, "counter-1", "王收银"), Till.open(app, make, "counter-2", "李收银")
    aged = make.resident("张桂兰", born=BORN_1951, balance_fen=10_000)
    poor = make.resident("李明德", born=BORN_1948, categories=("dibao",), balance_fen=10_000)
    aged_card, poor_card = {"card_uid": make.card(aged, "04A1B2C3")}, {"card_uid": make.card(poor, "04A1B2C4")}
    pork, greens = make.dish("红烧肉", 1200), make.dish("清炒油菜", 800, "vegetable")
    sales = [one.sell(local(DAY, 11, 30), aged_card, (pork, 1)),
             two.sell(local(DAY, 11, 45), poor_card, (pork, 1)),
             one.sell(local(DAY, 12, 0), {"walk_in": True}, (greens, 1), payment_method="cash"),
             two.sell(local(DAY, 17, 30), aged_card, (pork, 1), (greens, 1), period="dinner"),
             one.sell(local(NEXT_DAY, 11, 30), aged_card, (pork, 1))]
    assert all("sale_id" in s for s in sales), sales
    return Day((one, two), aged, poor, sales, (pork, greens))
