"""A planted month of service records for the count tests: residents in two categories, one crossing an age band,
walk-ins, delivery and pick-up, voids, and meals just outside the month — all sold through the real sale service."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pos.sales.services import void_by
from tests.support.selling import Till, local

MONTH = (2026, 11)


def day(n: int) -> date:
    return date(*MONTH, n)


@dataclass
class Planted:
    canteen_id: int
    residents: dict[str, int]  # 王二 (dibao + disabled_care, 76), 张三 (none, 75), 赵四 (dibao, turns 80 on the 15th)
    sale_ids: list[int]
    voided: list[int]


def plant_month(app, make) -> Planted:
    """Eleven meals in November 2026 (two voided), one on 31 October and one on 1 December."""
    canteen = make.canteen()
    till = Till.open(app, make, "counter-9", "计数收银")
    wang = make.resident("王二", born=date(1950, 5, 1), categories=("dibao", "disabled_care"), balance_fen=50_000)
    zhang = make.resident("张三", born=date(1951, 6, 1), balance_fen=50_000)
    zhao = make.resident("赵四", born=date(1946, 11, 15), categories=("dibao",), balance_fen=50_000)
    cards = {who: {"card_uid": make.card(rid, uid)} for who, rid, uid in (
        ("wang", wang, "04C0FF01"), ("zhang", zhang, "04C0FF02"), ("zhao", zhao, "04C0FF03"))}
    pork = make.dish("红烧肉", 1200)
    walk_in = {"walk_in": True}
    sales = [
        till.sell(local(day(3), 11, 30), cards["wang"], (pork, 1)),                       # 0
        till.sell(local(day(3), 17, 30), cards["wang"], (pork, 1), period="dinner"),      # 1 same diner-day
        till.sell(local(day(4), 11, 30), cards["wang"], (pork, 1), channel="delivery"),   # 2
        till.sell(local(day(3), 11, 40), cards["zhang"], (pork, 1), channel="pick_up"),   # 3
        till.sell(local(day(5), 11, 40), cards["zhang"], (pork, 1)),                      # 4
        till.sell(local(day(6), 11, 40), cards["zhang"], (pork, 1)),                      # 5 voided
        till.sell(local(day(10), 11, 50), cards["zhao"], (pork, 1)),                      # 6 aged 79
        till.sell(local(day(20), 11, 50), cards["zhao"], (pork, 1), channel="delivery"),  # 7 aged 80
        till.sell(local(day(3), 12, 0), walk_in, (pork, 1), payment_method="cash"),       # 8
        till.sell(local(day(5), 12, 0), walk_in, (pork, 1), payment_method="cash", channel="pick_up"),  # 9
        till.sell(local(day(5), 12, 10), walk_in, (pork, 1), payment_method="cash"),      # 10 voided
        till.sell(local(date(2026, 10, 31), 11, 30), cards["wang"], (pork, 1)),           # 11 October
        till.sell(local(date(2026, 12, 1), 11, 30), cards["zhang"], (pork, 1)),           # 12 December
    ]
    assert all("sale_id" in s for s in sales), sales
    ids = [s["sale_id"] for s in sales]
    manager = make.user(username="计数经理", role="manager")
    for index in (5, 10):
        void_by(app.extensions["canteen_db"], ids[index], "退餐", manager, local(day(index + 1), 13, 0))
    return Planted(canteen.id, {"wang": wang, "zhang": zhang, "zhao": zhao}, ids, [ids[5], ids[10]])
