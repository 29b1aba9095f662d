"""Plain data for a monthly subsidy claim (补贴结算单) to one funder; amounts in fen."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from vocabulary.money import format_fen


@dataclass(frozen=True)
class Tally:
    """One summary line: a label (category, age band, meal period, channel) with meals and amount."""

    label: str
    meals: int
    amount_fen: int


@dataclass(frozen=True)
class DailyTotal:
    """Subsidised meals and amount of one day."""

    day: date
    meals: int
    amount_fen: int


@dataclass(frozen=True)
class ClaimDetail:
    """One subsidised meal claimed from the funder."""

    day: date
    receipt_no: str
    resident: str  # masked by the caller
    category: str
    meal_period: str
    rule: str
    policy_version: str
    amount_fen: int


@dataclass(frozen=True)
class ClaimAdjustment:
    """A sale voided after an earlier claim included it: a negative amount taken back."""

    day: date
    receipt_no: str
    resident: str
    category: str
    meal_period: str
    rule: str
    policy_version: str
    amount_fen: int  # negative
    original_claim_no: str
    voided_on: date


@dataclass(frozen=True)
class CountLine:
    """Meals (人次), unduplicated persons (人数) and diner-days (人天) under one label."""

    label: str
    meals: int
    persons: int
    diner_days: int


# How a count's rows relate to its total, printed under the counts.
COUNTS_NOTE = ("人次=用餐次数(含散客);人数=不重复的登记居民;人天=居民×就餐日(一人一天算一人天)。",
               "一人同时属多个类别、月内跨年龄段或用过多种渠道、餐次时,在每一项下各计一次;",
               "合计行为不重复的数字,不是各行之和。散客无法识别,只计人次。")


@dataclass(frozen=True)
class ServiceCounts:
    """The period's counts from the service records: the unduplicated total and the tallies beside it."""

    total: CountLine
    walk_in_meals: int
    by_category: tuple[CountLine, ...]
    by_age_band: tuple[CountLine, ...]
    by_channel: tuple[CountLine, ...]
    by_meal_period: tuple[CountLine, ...]
    note: tuple[str, ...] = COUNTS_NOTE

    def sections(self) -> tuple[tuple[str, tuple[CountLine, ...]], ...]:
        """The tallies with their Chinese titles, in the order the documents show them."""
        return (("按类别", self.by_category), ("按年龄段", self.by_age_band),
                ("按渠道", self.by_channel), ("按餐次", self.by_meal_period))


@dataclass(frozen=True)
class OperatingLine:
    """An operating subsidy (运营补贴) to the canteen: basis count × rate, after the caps."""

    name: str
    unit: str            # 人天 or 人次
    counted: int
    paid_count: int      # after the count cap
    rate_fen: int
    caps: str            # the caps in words and whether they applied; "" when the rule has none
    amount_fen: int
    policy_version: str = ""

    @property
    def basis(self) -> str:
        """E.g. '1234人天 × 3.00元', or '1234人天,计付1000人天 × 3.00元' when the count cap applied."""
        paid = f"{self.paid_count}{self.unit} × {format_fen(self.rate_fen)}元"
        return paid if self.paid_count == self.counted else f"{self.counted}{self.unit},计付{paid}"


@dataclass(frozen=True)
class SubsidyClaim:
    """The claim's header and summary; the detail lines are streamed separately."""

    claim_no: str
    canteen_name: str
    funder: str
    period_start: date
    period_end: date
    issued_on: date
    meals: int  # all meals served in the period
    subsidised_meals: int
    subsidy_fen: int  # sum of the detail lines
    by_category: tuple[Tally, ...]
    by_age_band: tuple[Tally, ...]
    by_meal_period: tuple[Tally, ...]
    by_channel: tuple[Tally, ...]
    daily: tuple[DailyTotal, ...]
    adjustments: tuple[ClaimAdjustment, ...] = ()
    prepared_by: str = ""
    counts: ServiceCounts | None = None
    operating: tuple[OperatingLine, ...] = ()
    chain_hash: str | None = None  # the ledger's hash chain at the month's end (pos/ledger/chain.py), if any

    @property
    def operating_fen(self) -> int:
        """Operating subsidies to the canteen: claimed beside the meal subsidies, not part of net_fen."""
        return sum(o.amount_fen for o in self.operating)

    @property
    def adjustments_fen(self) -> int:
        return sum(a.amount_fen for a in self.adjustments)

    @property
    def net_fen(self) -> int:
        """What the funder is asked to pay: detail lines plus (negative) adjustments."""
        return self.subsidy_fen + self.adjustments_fen

    @property
    def period_label(self) -> str:
        return f"{self.period_start.isoformat()} 至 {self.period_end.isoformat()}"


class ClaimMismatch(ValueError):
    """The streamed detail lines do not add up to the claim's summary."""


DETAIL_HEADERS = ("日期", "小票号", "居民", "类别", "餐次", "补贴规则", "政策版本", "金额(元)")
ADJUSTMENT_HEADERS = DETAIL_HEADERS + ("原结算单号", "作废日期")


def detail_cells(d: ClaimDetail | ClaimAdjustment) -> tuple[str, ...]:
    """Return a detail line as text cells in DETAIL_HEADERS order."""
    return (d.day.isoformat(), d.receipt_no, d.resident, d.category, d.meal_period,
            d.rule, d.policy_version, format_fen(d.amount_fen))


def adjustment_cells(a: ClaimAdjustment) -> tuple[str, ...]:
    """Return an adjustment as text cells in ADJUSTMENT_HEADERS order."""
    return detail_cells(a) + (a.original_claim_no, a.voided_on.isoformat())


def check_details(claim: SubsidyClaim, count: int, total_fen: int) -> None:
    """Raise ClaimMismatch unless the streamed details sum to claim.subsidy_fen."""
    if total_fen != claim.subsidy_fen:
        raise ClaimMismatch(f"claim {claim.claim_no}: {count} detail lines sum to {total_fen} fen, "
                            f"summary says {claim.subsidy_fen}")
