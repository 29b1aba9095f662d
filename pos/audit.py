"""`canteen ledger verify`: every invariant of the ledger and the records written with it."""
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
