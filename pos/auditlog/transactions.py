"""One ledger transaction as the audit pages show it: entries on named accounts, its sale, the rows naming it."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from pos.auditlog.entries import AuditRow, rows_of_transaction, sales_of_transactions
from pos.auth.models import User
from pos.ledger.views import TransactionView, transaction_view
from pos.policies.models import StoredPolicy
from pos.policies.services import stored_versions
from pos.residents.models import Resident


@dataclass(frozen=True)
class TransactionPage:
    """A transaction, who wrote it, the sale it belongs to (if any), names for its accounts, and its audit rows."""

    transaction: TransactionView
    created_by: str | None
    sale_id: int | None
    wallets: dict[int, str]  # resident id -> name
    funders: dict[str, str]  # funder id -> name
    rows: list[AuditRow]


def transaction_page(session: Session, transaction_id: int, language: str) -> TransactionPage:
    """Everything the transaction's page shows; NotFound if there is no such transaction."""
    txn = transaction_view(session, transaction_id)
    holders = {e.resident_id for e in txn.entries if e.resident_id}
    wallets = {k: v for k, v in session.execute(select(Resident.id, Resident.name).where(Resident.id.in_(holders)))}
    created_by = session.scalar(select(User.display_name).where(User.id == txn.created_by)) if txn.created_by else None
    return TransactionPage(txn, created_by, sales_of_transactions(session, {txn.id}).get(txn.id), wallets,
                           funder_names(session, language), rows_of_transaction(session, txn.id, language))


def funder_names(session: Session, language: str) -> dict[str, str]:
    """Every funder named in a stored policy version, in `language` (a later version's name wins)."""
    names: dict[str, str] = {}
    for policy_id in session.scalars(select(StoredPolicy.policy_id).distinct()):
        for version in stored_versions(session, policy_id):
            names.update({f.id: f.name_en if language == "en" else f.name_zh for f in version.funders})
    return names
