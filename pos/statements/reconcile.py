"""A claim against the ledger: the month's subsidy-receivable entries for the funder, to the fen."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from pos.ledger.models import Account, LedgerEntry
from pos.sales.models import Sale, SaleSubsidy, SaleVoid
from pos.statements.claim_document import ClaimSource
from pos.statements.claim_query import item


@dataclass(frozen=True)
class Reconciliation:
    """Ledger receivable for the month's sales (sale entries minus void entries) beside the claim."""

    claim_no: str
    ledger_sales_fen: int     # receivable debited by the month's sales
    ledger_voids_fen: int     # receivable credited back by voids of the month's sales
    claim_fen: int            # the claim's lines
    voided_since_fen: int     # of those, lines whose sale was voided after the claim was issued
    adjustments_fen: int      # the claim's take-backs of earlier months (negative)
    adjustments_ledger_fen: int  # the void entries of those sales (negative)

    @property
    def ledger_net_fen(self) -> int:
        return self.ledger_sales_fen - self.ledger_voids_fen

    @property
    def ok(self) -> bool:
        """The claim, less what was voided since, equals the ledger; adjustments equal their voids."""
        return (self.claim_fen - self.voided_since_fen == self.ledger_net_fen
                and self.adjustments_fen == self.adjustments_ledger_fen)

    def as_json(self) -> dict:
        return {"claim_no": self.claim_no, "ledger_sales_fen": self.ledger_sales_fen,
                "ledger_voids_fen": self.ledger_voids_fen, "ledger_net_fen": self.ledger_net_fen,
                "claim_fen": self.claim_fen, "voided_since_fen": self.voided_since_fen,
                "adjustments_fen": self.adjustments_fen, "adjustments_ledger_fen": self.adjustments_ledger_fen,
                "ok": self.ok}


def _receivable(funder: str):
    return select(Account.id).where(Account.code == f"receivable:{funder}").scalar_subquery()


def ledger_receivable(session: Session, source: ClaimSource) -> tuple[int, int]:
    """(sale entries, void entries reversed) on the funder's receivable, for sales of the month."""
    month, acct = source.month, _receivable(source.funder)
    in_month = (Sale.business_date >= month.first, Sale.business_date < month.next_first)
    sales = session.scalars(select(func.coalesce(func.sum(LedgerEntry.amount_fen), 0))
                            .join(Sale, Sale.transaction_id == LedgerEntry.transaction_id)
                            .where(LedgerEntry.account_id == acct, *in_month)).one()
    voids = session.scalars(select(func.coalesce(func.sum(LedgerEntry.amount_fen), 0))
                            .join(SaleVoid, SaleVoid.transaction_id == LedgerEntry.transaction_id)
                            .join(Sale, Sale.id == SaleVoid.sale_id)
                            .where(LedgerEntry.account_id == acct, *in_month)).one()
    return int(sales), -int(voids)


def reconcile(session: Session, source: ClaimSource) -> Reconciliation:
    """Compare the claim (issued or draft) with the ledger."""
    sales, voids = ledger_receivable(session, source)
    lines = source.lines().query.subquery()
    claim_fen = session.scalar(select(func.coalesce(func.sum(lines.c.amount_fen), 0))) or 0
    voided_since = session.scalar(
        select(func.coalesce(func.sum(lines.c.amount_fen), 0))
        .join(SaleSubsidy, SaleSubsidy.id == lines.c.line_id)
        .where(exists().where(SaleVoid.sale_id == SaleSubsidy.sale_id))) or 0
    adjustments, adjustments_ledger = _adjustments(session, source)
    return Reconciliation(source.claim_no, sales, voids, int(claim_fen), int(voided_since), adjustments,
                          adjustments_ledger)


def _adjustments(session: Session, source: ClaimSource) -> tuple[int, int]:
    """The issued claim's take-backs, and the void entries on the receivable for those sales."""
    if source.issued is None:
        return 0, 0
    taken = select(item.c.sale_subsidy_id, item.c.amount_fen).where(
        item.c.claim_id == source.issued.id, item.c.kind == "adjustment").subquery()
    fen = session.scalar(select(func.coalesce(func.sum(taken.c.amount_fen), 0))) or 0
    sales = select(SaleSubsidy.sale_id).join(taken, taken.c.sale_subsidy_id == SaleSubsidy.id).distinct()
    ledger = session.scalar(select(func.coalesce(func.sum(LedgerEntry.amount_fen), 0))
                            .join(SaleVoid, SaleVoid.transaction_id == LedgerEntry.transaction_id)
                            .where(LedgerEntry.account_id == _receivable(source.funder),
                                   SaleVoid.sale_id.in_(sales))) or 0
    return int(fen), int(ledger)
