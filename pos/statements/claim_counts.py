"""The claim's counts beside its money: meals, persons and diner-days from the canteen's service records, and the
operating subsidy (运营补贴) its policy pays the canteen per diner-day or per meal."""
from __future__ import annotations

from datetime import datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from pos.canteens.models import Canteen
from pos.policies.services import stored_versions
from pos.residents.models import SubsidyCategory
from pos.servicerecords.counts import NO_CATEGORY, WALK_IN, Count, Scope, month_counts, operating_count
from pos.statements import claim_query as q
from pos.statements.periods import Month
from receipts.claim import CountLine, OperatingLine, ServiceCounts
from subsidy import NoPolicyInForce, OperatingPayment, PolicyVersion, operating_payment, policy_in_force
from vocabulary import AGE_BANDS, CHANNELS, MEAL_PERIODS, AgeBand, format_fen

WALK_IN_LABEL = "散客"
UNITS = {"diner_day": "人天", "meal": "人次"}


def scope_of(canteen: Canteen, month: Month, as_of: datetime | None) -> Scope:
    """The canteen's month; an issued claim (as_of = its issue) keeps meals voided after it, as its money does."""
    return Scope(canteen.id, month.first, month.next_first, as_of)


def _lines(counts: dict[str, Count], order: tuple[str, ...], label) -> tuple[CountLine, ...]:
    keys = [k for k in order if k in counts] + sorted(k for k in counts if k not in order)
    return tuple(CountLine(label(k), counts[k].meals, counts[k].persons, counts[k].diner_days) for k in keys)


def service_counts(session: Session, scope: Scope) -> ServiceCounts:
    """The month's counts, labelled in Chinese for the claim."""
    counts = month_counts(session, scope)
    names: dict[str, str] = {code: name for code, name in session.execute(
        select(SubsidyCategory.code, SubsidyCategory.name_zh))}
    names |= {NO_CATEGORY: q.NO_CATEGORY, WALK_IN: WALK_IN_LABEL}
    codes = tuple(sorted(k for k in counts.by_category if k not in (NO_CATEGORY, WALK_IN))) + (NO_CATEGORY, WALK_IN)
    t = counts.total
    return ServiceCounts(
        total=CountLine("合计", t.meals, t.persons, t.diner_days), walk_in_meals=counts.walk_in_meals,
        by_category=_lines(counts.by_category, codes, lambda k: names.get(k, k)),
        by_age_band=_lines(counts.by_age_band, (*AGE_BANDS, WALK_IN),
                           lambda k: WALK_IN_LABEL if k == WALK_IN else AgeBand(k).label()),
        by_channel=_lines(counts.by_channel, CHANNELS, lambda k: q.CHANNEL_LABELS.get(k, k)),
        by_meal_period=_lines(counts.by_meal_period, MEAL_PERIODS, lambda k: q.PERIOD_LABELS.get(k, k)))


def version_for_month(session: Session, policy_id: str | None, month: Month) -> PolicyVersion | None:
    """The version that pays a month's operating subsidy: the one in force as its last day begins."""
    try:
        return policy_in_force(stored_versions(session, policy_id), datetime.combine(month.last, time()))
    except NoPolicyInForce:
        return None


def caps_text(payment: OperatingPayment) -> str:
    """The rule's caps in words, saying which one was reached."""
    rule, unit = payment.rule, UNITS[payment.rule.per]
    parts = []
    if rule.per_month_count is not None:
        parts.append(f"每月最多{rule.per_month_count}{unit}" + ("(已达上限)" if payment.count_capped else ""))
    if rule.per_month_fen is not None:
        parts.append(f"每月最多{format_fen(rule.per_month_fen)}元" + ("(已达上限)" if payment.amount_capped else ""))
    return ";".join(parts)


def operating_lines(session: Session, canteen: Canteen, funder: str, month: Month,
                    scope: Scope) -> tuple[OperatingLine, ...]:
    """The operating subsidies the canteen's policy has `funder` pay for the month, each counted by the database."""
    version = version_for_month(session, canteen.policy_id, month)
    if version is None:
        return ()
    out = []
    for rule in (r for r in version.operating if r.funder == funder):
        payment = operating_payment(rule, operating_count(session, scope, rule))
        out.append(OperatingLine(rule.name_zh, UNITS[rule.per], payment.counted, payment.paid_count, rule.amount_fen,
                                 caps_text(payment), payment.amount_fen, version.version))
    return tuple(out)
