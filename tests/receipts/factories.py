"""Test data for receipts and statements, with amounts that add up."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Iterator

from receipts.claim import ClaimAdjustment, ClaimDetail, DailyTotal, SubsidyClaim, Tally
from receipts.documents import ReceiptLine, SaleReceipt, SubsidyLine, TopUpReceipt

VERIFY_URL = "https://canteen.example/r/S20261128-0001?k=ab12"


def sale_receipt(**overrides) -> SaleReceipt:
    """A lunch sale: 15.00 total, 5.00 district subsidy, 10.00 from the wallet."""
    fields = dict(
        canteen_name="新百汇社区便民餐厅", printed_at=datetime(2026, 11, 28, 11, 32), receipt_no="S20261128-0001",
        cashier="王芳", meal_period="午餐",
        lines=(ReceiptLine("一荤两素套餐", 1, 1200, 1200), ReceiptLine("小米粥", 2, 150, 300)),
        total_fen=1500, subsidies=(SubsidyLine("区民政局", "低保60+", 500),), paid_from_wallet_fen=1000,
        resident_name="张*华", resident_id="**************1234", balance_after_fen=12050, verify_url=VERIFY_URL)
    fields.update(overrides)
    return SaleReceipt(**fields)


def topup_receipt(**overrides) -> TopUpReceipt:
    """A 100.00 cash top-up."""
    fields = dict(canteen_name="新百汇社区便民餐厅", printed_at=datetime(2026, 11, 28, 9, 5), receipt_no="T20261128-0003",
                  cashier="王芳", resident_name="张*华", resident_id="**************1234", amount_fen=10000,
                  method="现金", balance_after_fen=22050, verify_url="https://canteen.example/t/T20261128-0003")
    fields.update(overrides)
    return TopUpReceipt(**fields)


CATEGORIES = ("低保", "特困", "高龄80+")
AMOUNTS = {"低保": 500, "特困": 800, "高龄80+": 300}


def claim_details(days: int = 3, per_day: int = 4, start: date = date(2026, 11, 1)) -> Iterator[ClaimDetail]:
    """Generate detail lines: per_day meals a day, categories in turn."""
    n = 0
    for day_index in range(days):
        day = start + timedelta(days=day_index)
        for i in range(per_day):
            category = CATEGORIES[n % 3]
            yield ClaimDetail(day, f"S{day:%Y%m%d}-{i + 1:04d}", f"李*{n % 10}", category,
                              "午餐" if i % 2 == 0 else "晚餐", f"{category}定额", "2026.1", AMOUNTS[category])
            n += 1


def subsidy_claim(days: int = 3, per_day: int = 4, **overrides) -> SubsidyClaim:
    """A claim whose summary matches claim_details(days, per_day)."""
    details = list(claim_details(days, per_day))
    def tally(key) -> tuple[Tally, ...]:
        labels = sorted({key(d) for d in details})
        return tuple(Tally(lab, sum(1 for d in details if key(d) == lab),
                           sum(d.amount_fen for d in details if key(d) == lab)) for lab in labels)
    daily = tuple(DailyTotal(t.label, t.meals, t.amount_fen) for t in tally(lambda d: d.day))
    fields = dict(
        claim_no="BT-202611-QU-001", canteen_name="新百汇社区便民餐厅", funder="尧都区民政局",
        period_start=date(2026, 11, 1), period_end=date(2026, 11, 30), issued_on=date(2026, 12, 2),
        meals=len(details) + 10, subsidised_meals=len(details), subsidy_fen=sum(d.amount_fen for d in details),
        by_category=tally(lambda d: d.category), by_age_band=(Tally("60-79岁", len(details) - 2, sum(d.amount_fen for d in details) - 600), Tally("80岁以上", 2, 600)),
        by_meal_period=tally(lambda d: d.meal_period), by_channel=(Tally("堂食", len(details), sum(d.amount_fen for d in details)),),
        daily=daily,
        adjustments=(ClaimAdjustment(date(2026, 10, 30), "S20261030-0007", "王*明", "低保", "午餐", "低保定额", "2026.1",
                                     -500, "BT-202610-QU-001", date(2026, 11, 3)),),
        prepared_by="刘*")
    fields.update(overrides)
    return SubsidyClaim(**fields)
