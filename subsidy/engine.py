"""Quote the subsidy for one sale (combination rule: docs/policy-format.md)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .caps import count_allows, fen_room
from .eligibility import may_be_subsidised, rule_matches
from .facts import CanteenFacts, Meal, ResidentFacts, UsageSoFar
from .funders import pays_here, split, trim_from_end
from .model import Benefit, Funder, Group, PolicyVersion, Rule
from .quote import SubsidyLine, SubsidyQuote
from .reasons import reason
from .versions import NoPolicyInForce, local_time

NOTHING_YET = UsageSoFar()


@dataclass(frozen=True)
class _Sale:
    """Everything fixed for one quote."""

    policy: PolicyVersion
    resident: ResidentFacts
    canteen: CanteenFacts
    meal: Meal
    usage: UsageSoFar
    day: date
    gross: dict[str, int]   # "meal" / "delivery_fee" -> fen before any subsidy


def quote_subsidy(policy: PolicyVersion, resident: ResidentFacts, canteen: CanteenFacts,
                  meal: Meal, usage: UsageSoFar = NOTHING_YET) -> SubsidyQuote:
    """Subsidy lines for the meal and what the resident pays, under this policy version."""
    at = local_time(policy, meal.at)
    if not policy.in_force_at(at):
        raise NoPolicyInForce(f"{policy.policy_id} {policy.version} is not in force at {at}")
    gross = {"meal": sum(line.amount_fen for line in meal.lines if not line.is_delivery_fee),
             "delivery_fee": sum(line.amount_fen for line in meal.lines if line.is_delivery_fee)}
    sale = _Sale(policy, resident, canteen, meal, usage, at.date(), gross)
    lines = _stack_groups(sale) if may_be_subsidised(resident, sale.day) else []
    total = sum(gross.values())
    subsidy = sum(line.amount_fen for line in lines)
    return SubsidyQuote(tuple(lines), total, subsidy, total - subsidy)


def _stack_groups(sale: _Sale) -> list[SubsidyLine]:
    """Groups stack in file order, each on what is still left to pay."""
    left = dict(sale.gross)
    given: dict[str, int] = {}   # fen each funder already gives in this sale
    lines: list[SubsidyLine] = []
    for group in sale.policy.groups:
        best: list[SubsidyLine] = []
        for rule in sale.policy.rules_in(group.id):
            offer = _offer(sale, group, rule, left[rule.applies_to], given)
            if _sum(offer) > _sum(best):   # strictly more: ties keep the earlier rule
                best = offer
        for line in best:
            left[line.applies_to] -= line.amount_fen
            given[line.funder] = given.get(line.funder, 0) + line.amount_fen
        lines.extend(best)
    return lines


def _offer(sale: _Sale, group: Group, rule: Rule, left_fen: int,
           given: dict[str, int]) -> list[SubsidyLine]:
    """What one rule would pay now, after area loss and caps; [] if it does not apply."""
    usage, policy = sale.usage, sale.policy
    if not (rule_matches(rule, sale.resident, sale.meal, sale.day)
            and sale.gross["meal"] >= rule.min_spend_fen
            and count_allows(rule.caps, usage.rule(rule.id))
            and count_allows(group.caps, usage.group(group.id))):
        return []
    parts = split(benefit_fen(rule.benefit, left_fen), rule.shares)
    lost = tuple(policy.funder(f) for f, a in parts
                 if a and not pays_here(policy.funder(f), sale.resident.home, sale.canteen.area))
    parts = [(f, 0 if policy.funder(f) in lost else a) for f, a in parts]
    parts = [(f, _funder_allows(sale, f, a, given.get(f, 0))) for f, a in parts]
    rooms = [r for r in (fen_room(rule.caps, usage.rule(rule.id)),
                         fen_room(group.caps, usage.group(group.id))) if r is not None]
    if rooms:
        parts = trim_from_end(parts, min(rooms))
    return [_line(sale, group, rule, f, a, lost) for f, a in parts if a > 0]


def benefit_fen(benefit: Benefit, price_fen: int) -> int:
    """Subsidy on a price: percent rounds down to the fen; never below 0 or above price/max."""
    if benefit.kind == "subsidy_fen":
        amount = benefit.value
    elif benefit.kind == "subsidy_percent":
        amount = price_fen * benefit.value // 100
    else:  # resident_pays_fen
        amount = price_fen - benefit.value
    amount = max(0, min(amount, price_fen))
    return amount if benefit.max_fen is None else min(amount, benefit.max_fen)


def _funder_allows(sale: _Sale, funder_id: str, amount: int, given_now: int) -> int:
    """The part of `amount` the funder's own caps still allow."""
    funder, used = sale.policy.funder(funder_id), sale.usage.funder(funder_id)
    if not count_allows(funder.caps, used) and not given_now:
        return 0
    room = fen_room(funder.caps, used, given_now)
    return amount if room is None else min(amount, room)


def _line(sale: _Sale, group: Group, rule: Rule, funder_id: str, amount: int,
          lost: tuple[Funder, ...]) -> SubsidyLine:
    """One recorded subsidy line with its reasons."""
    zh, en = reason(sale.policy, rule, sale.policy.funder(funder_id), amount, lost)
    return SubsidyLine(sale.policy.policy_id, sale.policy.version, group.id, rule.id,
                       funder_id, rule.applies_to, amount, zh, en)


def _sum(lines: list[SubsidyLine]) -> int:
    """Total fen of some lines."""
    return sum(line.amount_fen for line in lines)
