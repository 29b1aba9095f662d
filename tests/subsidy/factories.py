"""Test data for the policy engine: example policies, residents, meals, usage."""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from subsidy import (
    Area,
    CanteenFacts,
    CategoryGrant,
    Meal,
    OrderLine,
    PolicyVersion,
    ResidentFacts,
    SubsidyQuote,
    Tally,
    Usage,
    UsageSoFar,
    load_policy,
    quote_subsidy,
)

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "policies"
LICHENG = Area("广东省", "广州市", "增城区", "荔城街道", "富鹏社区")
NOON = datetime(2025, 6, 2, 12, 0)   # a Monday lunch
TODAY = NOON.date()


def example(name: str) -> PolicyVersion:
    """One of the example policy files, by file stem."""
    return load_policy(EXAMPLES / f"{name}.toml")


def born_aged(years: int, on: date = TODAY) -> date:
    """A birth date making someone exactly `years` old on `on` (birthday that day)."""
    return date(on.year - years, on.month, on.day)


def resident(age: int = 70, *categories: str, born: date | None = None, home: Area = LICHENG,
             status: str = "active", status_date: date | None = None) -> ResidentFacts:
    """A resident of a given age today, holding open-ended categories."""
    return ResidentFacts(born or date(TODAY.year - age - 1, 12, 31), home,
                         tuple(CategoryGrant(c) for c in categories), status, status_date)  # type: ignore[arg-type]


def meal(*fen: int, period: str = "lunch", channel: str = "dine_in",
         at: datetime = NOON, delivery_fee: int | None = None) -> Meal:
    """A meal with the given line amounts (and an optional delivery-fee line)."""
    lines = tuple(OrderLine(a) for a in fen)
    if delivery_fee is not None:
        lines += (OrderLine(delivery_fee, is_delivery_fee=True),)
    return Meal(period, channel, lines, at)


def used(count: int, fen: int = 0, scope: str = "day") -> Usage:
    """Usage with one tally filled; a day tally also fills the month, a period one all three."""
    tally = Tally(count, fen)
    if scope == "month":
        return Usage(month=tally)
    if scope == "day":
        return Usage(day=tally, month=tally)
    return Usage(day=tally, period=tally, month=tally)


def quote(policy: PolicyVersion, who: ResidentFacts, what: Meal,
          usage: UsageSoFar | None = None, canteen: Area = LICHENG) -> SubsidyQuote:
    """Quote with a canteen in the given area."""
    return quote_subsidy(policy, who, CanteenFacts(canteen), what, usage or UsageSoFar())


def by_funder(q: SubsidyQuote) -> dict[str, int]:
    """Subsidy fen per funder of a quote."""
    out: dict[str, int] = {}
    for line in q.lines:
        out[line.funder] = out.get(line.funder, 0) + line.amount_fen
    return out
