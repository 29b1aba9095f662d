"""A ledger check for card deposits, in the shape of pos.ledger.verify's checks."""
from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pos.credentials.models import Card
from pos.ledger.models import Account
from pos.ledger.verify import Verification


def check_card_deposits(session: Session, result: Verification) -> None:
    """The deposits the cards hold add up to the card_deposit account's balance."""
    held = session.scalar(select(func.coalesce(func.sum(Card.deposit_fen), 0)))
    booked = session.scalar(select(func.coalesce(func.sum(Account.balance_fen), 0))
                            .where(Account.kind == "card_deposit"))
    result.checked["card_deposits"] = session.scalars(select(func.count()).where(Card.deposit_fen > 0)).one()
    if held != booked:
        result.violations.append(f"cards hold {held} fen of deposits but the card_deposit account {booked} fen")


CARD_CHECKS = (check_card_deposits,)
