"""The SQL behind a claim: which subsidy lines it holds, their summary (GROUP BY) and detail (streamed).

A claim's lines are either live (a draft: the month's lines of one funder on sales not voided)
or frozen (an issued claim: the ClaimItem rows written when it was issued). Every figure is
computed from that set by the database, never by looping over sales in Python.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import Integer, Select, and_, case, exists, func, literal, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.functions import FunctionElement

from pos.residents.models import Resident, ResidentCategory, SubsidyCategory
from pos.sales.models import Sale, SaleSubsidy, SaleVoid
from pos.statements.models import ClaimItem
from pos.statements.periods import Month
from vocabulary import Channel, MealPeriod

ss, sale, res = SaleSubsidy.__table__, Sale.__table__, Resident.__table__
item, void = ClaimItem.__table__, SaleVoid.__table__
rc, cat = ResidentCategory.__table__, SubsidyCategory.__table__
NO_CATEGORY = "一般老人"
# The claim is a document in Chinese, for the civil-affairs office.
PERIOD_LABELS = {period.value: period.label() for period in MealPeriod}
CHANNEL_LABELS = {channel.value: channel.label() for channel in Channel}
AGE_BANDS = ("60岁以下", "60-69岁", "70-79岁", "80-89岁", "90岁及以上")


@dataclass(frozen=True)
class LineSet:
    """Which subsidy lines a claim holds: a select of (line_id, amount_fen[, item_id])."""

    query: Select


def live_lines(funder: str, month: Month) -> LineSet:
    """A draft: the month's lines paid by `funder` whose sale is not voided."""
    query = (select(ss.c.id.label("line_id"), ss.c.amount_fen.label("amount_fen"),
                    category_of_line().label("category"))
             .where(ss.c.funder == funder, ss.c.business_date >= month.first, ss.c.business_date < month.next_first,
                    ~exists().where(void.c.sale_id == ss.c.sale_id)))
    return LineSet(query)


def frozen_lines(claim_id: int) -> LineSet:
    """An issued claim: the lines recorded as claimed when it was issued."""
    return LineSet(select(item.c.sale_subsidy_id.label("line_id"), item.c.amount_fen.label("amount_fen"),
                          func.coalesce(item.c.category, literal(NO_CATEGORY)).label("category"),
                          item.c.id.label("item_id"))
                   .where(item.c.claim_id == claim_id, item.c.kind == "claimed"))


def category_of_line():
    """The resident's subsidy category on the meal's day (the first by code), or NO_CATEGORY."""
    held = (select(func.min(cat.c.name_zh)).select_from(rc.join(cat, cat.c.code == rc.c.category_code))
            .where(rc.c.resident_id == ss.c.resident_id, rc.c.revoked_at.is_(None),
                   (rc.c.valid_from.is_(None)) | (rc.c.valid_from <= ss.c.business_date),
                   (rc.c.valid_to.is_(None)) | (rc.c.valid_to >= ss.c.business_date))
            .scalar_subquery())
    return func.coalesce(held, literal(NO_CATEGORY))


class age_in_years(FunctionElement):  # noqa: N801 - reads as the SQL function it stands for
    """Full years from `born` to `day` (birthday counts; Feb 29 births turn a year older on Mar 1)."""

    type = Integer()
    inherit_cache = True


@compiles(age_in_years)
def _age_generic(element, compiler, **kw):
    day, born = (compiler.process(arg, **kw) for arg in element.clauses)
    return f"EXTRACT(YEAR FROM AGE({day}, {born}))"


@compiles(age_in_years, "sqlite")
def _age_sqlite(element, compiler, **kw):
    # SQLite keeps dates as YYYY-MM-DD text: slicing it is several times cheaper than strftime().
    day, born = (compiler.process(arg, **kw) for arg in element.clauses)
    return (f"(CAST(substr({day}, 1, 4) AS INTEGER) - CAST(substr({born}, 1, 4) AS INTEGER)"
            f" - (substr({day}, 6) < substr({born}, 6)))")


def age_band_of_line():
    """The resident's age band on the meal's day, from the birth date, in SQL."""
    age = age_in_years(ss.c.business_date, res.c.birth_date)
    return case((age >= 90, AGE_BANDS[4]), (age >= 80, AGE_BANDS[3]), (age >= 70, AGE_BANDS[2]),
                (age >= 60, AGE_BANDS[1]), else_=AGE_BANDS[0])


def _joined(lines: LineSet):
    sub = lines.query.subquery("lines")
    return sub, sub.join(ss, ss.c.id == sub.c.line_id).join(sale, sale.c.id == ss.c.sale_id) \
        .join(res, res.c.id == ss.c.resident_id)


def summary_groups(session: Session, lines: LineSet) -> list[tuple]:
    """(category, age band, meal period, channel, day, meals, fen) groups, aggregated by the database.

    A sale's lines for one funder share every grouping key, so counting distinct sales per group
    and adding groups up gives the right number of meals for any coarser tally.
    """
    sub, joined = _joined(lines)
    keys = (sub.c.category, age_band_of_line().label("age_band"),
            ss.c.meal_period, sale.c.channel, ss.c.business_date)
    query = (select(*keys, func.count(func.distinct(ss.c.sale_id)), func.sum(sub.c.amount_fen))
             .select_from(joined).group_by(*keys))
    return [tuple(row) for row in session.execute(query)]


def detail_rows(session: Session, lines: LineSet, order_by_item: bool, batch: int = 5000) -> Iterator:
    """The detail lines in claim order, streamed in batches (yield_per), never all in memory."""
    sub, joined = _joined(lines)
    query = select(ss.c.business_date, sale.c.receipt_no, res.c.name, res.c.id_number,
                   sub.c.category, ss.c.meal_period, ss.c.policy_id, ss.c.policy_version, ss.c.rule_id,
                   sub.c.amount_fen).select_from(joined)
    if order_by_item:
        query = query.add_columns(sub.c.item_id).order_by(sub.c.item_id)
    else:
        query = query.order_by(ss.c.business_date, sale.c.seq, ss.c.id)
    for part in session.execute(query.execution_options(yield_per=batch)).partitions():
        yield from part


def meals_in_month(session: Session, month: Month) -> int:
    """Every meal served in the month (not voided), subsidised or not."""
    return session.scalar(select(func.count(sale.c.id)).where(
        sale.c.business_date >= month.first, sale.c.business_date < month.next_first,
        ~exists().where(void.c.sale_id == sale.c.id))) or 0


def voided_claimed_lines(funder: str, before_month: Month) -> Select:
    """Lines claimed in an earlier issued claim whose sale has been voided since, not yet taken back."""
    from pos.statements.models import SubsidyClaim

    claim = SubsidyClaim.__table__
    taken_back = item.alias("taken_back")
    return (select(item.c.sale_subsidy_id, item.c.amount_fen, item.c.claim_id, item.c.category)
            .select_from(item.join(claim, claim.c.id == item.c.claim_id).join(ss, ss.c.id == item.c.sale_subsidy_id)
                         .join(void, void.c.sale_id == ss.c.sale_id))
            .where(item.c.kind == "claimed", claim.c.funder == funder, claim.c.month < before_month.label,
                   ~exists().where(and_(taken_back.c.sale_subsidy_id == item.c.sale_subsidy_id,
                                        taken_back.c.kind == "adjustment"))))
