"""One sale as the back office shows it: lines, subsidy lines, payment, ledger, who sold it where, its void."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from pos.auth.models import User
from pos.errors import NotFound
from pos.ledger.balances import wallet_balance_after
from pos.ledger.views import TransactionView, transaction_view
from pos.policies.services import stored_versions
from pos.residents.masks import mask_number
from pos.residents.models import Resident
from pos.sales.models import Sale, SaleLine, SaleVoid
from pos.terminals.models import Terminal


@dataclass(frozen=True)
class Named:
    """A name in Chinese and in English (a funder's, a rule's, from the policy version the sale used)."""

    zh: str
    en: str

    def in_(self, language: str) -> str:
        return self.en if language == "en" else self.zh


@dataclass(frozen=True)
class SubsidyView:
    """A subsidy line: who funds it, under which rule of which policy version, why, and how much."""

    funder_id: str
    funder: Named
    rule_id: str
    rule: Named
    policy: str  # policy/version
    reason: Named
    amount_fen: int


@dataclass(frozen=True)
class VoidView:
    """A sale's void: why, when, by whom, and its reversing transaction."""

    reason: str
    voided_at: datetime
    voided_by: str | None
    transaction: TransactionView


@dataclass(frozen=True)
class SaleDetail:
    """Everything the sale's page shows."""

    sale: Sale
    lines: list[SaleLine]
    subsidies: list[SubsidyView]
    resident_name: str | None
    resident_id_number: str | None  # masked: the last four characters only
    balance_after_fen: int | None
    cashier: str | None
    terminal: str | None
    transaction: TransactionView
    void: VoidView | None
    funders: dict[str, Named]  # the funders of the sale's policy version, for its receivable accounts
    staff: dict[int, str]  # who wrote the sale's transactions

    def funder_names(self, language: str) -> dict[str, str]:
        """The receivable accounts' funders, named in `language`."""
        return {funder: name.in_(language) for funder, name in self.funders.items()}

    def wallet_names(self) -> dict[int, str]:
        """The wallet account's holder."""
        return {self.sale.resident_id: self.resident_name or ""} if self.sale.resident_id else {}


def sale_detail(session: Session, sale_id: int) -> SaleDetail:
    """The sale with its lines, subsidies, ledger transaction and void; NotFound if there is none."""
    sale = session.get(Sale, sale_id)
    if sale is None:
        raise NotFound("no sale %(id)s", code="sale_not_found", id=sale_id)
    resident = session.get(Resident, sale.resident_id) if sale.resident_id else None
    funders, rules = policy_names(session, sale.policy_id, sale.policy_version)
    subsidies = [SubsidyView(s.funder, funders.get(s.funder, Named(s.funder, s.funder)), s.rule_id,
                             rules.get(s.rule_id, Named(s.rule_id, s.rule_id)), f"{s.policy_id}/{s.policy_version}",
                             Named(s.reason_zh, s.reason_en), s.amount_fen) for s in sale.subsidies]
    transaction = transaction_view(session, sale.transaction_id)
    void = _void(session, sale.id)
    staff = staff_names(session, {transaction.created_by, void.transaction.created_by if void else None})
    return SaleDetail(
        sale, list(sale.lines), subsidies, resident.name if resident else None,
        mask_number(resident.id_number) if resident else None,
        wallet_balance_after(session, resident.id, sale.transaction_id) if resident else None,
        staff_names(session, {sale.cashier_id}).get(sale.cashier_id or 0),
        session.scalar(select(Terminal.name).where(Terminal.id == sale.terminal_id)) if sale.terminal_id else None,
        transaction, void, funders, staff)


def _void(session: Session, sale_id: int) -> VoidView | None:
    void = session.scalar(select(SaleVoid).where(SaleVoid.sale_id == sale_id))
    if void is None:
        return None
    return VoidView(void.reason, void.voided_at, staff_names(session, {void.voided_by}).get(void.voided_by or 0),
                    transaction_view(session, void.transaction_id))


def policy_names(session: Session, policy_id: str | None, version: str | None) -> tuple[dict[str, Named],
                                                                                          dict[str, Named]]:
    """Funder and rule names of one stored policy version, by id (empty if it is not stored)."""
    for stored in stored_versions(session, policy_id) if policy_id else []:
        if stored.version == version:
            return ({f.id: Named(f.name_zh, f.name_en) for f in stored.funders},
                    {r.id: Named(r.name_zh, r.name_en) for r in stored.rules})
    return {}, {}


def staff_names(session: Session, ids: set[int | None]) -> dict[int, str]:
    """Display names of some members of staff, by id."""
    wanted = {i for i in ids if i}
    if not wanted:
        return {}
    return {k: v for k, v in session.execute(select(User.id, User.display_name).where(User.id.in_(wanted)))}
