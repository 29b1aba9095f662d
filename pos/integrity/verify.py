"""Every invariant of the ledger and of the records written with it, in one run."""
from __future__ import annotations

from sqlalchemy.orm import Session

from pos.credentials.checks import CARD_CHECKS
from pos.ledger.verify import LEDGER_CHECKS, Verification
from pos.sales.checks import SALE_CHECKS


def verify_ledger(session: Session) -> Verification:
    """Run every check and collect what is wrong."""
    result = Verification()
    for check in (*LEDGER_CHECKS, *SALE_CHECKS, *CARD_CHECKS):
        check(session, result)
    return result
