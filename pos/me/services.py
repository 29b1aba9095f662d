"""What the /me home page shows (the resident's own, or a family member's), and reporting a card lost from it."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from pos.audit import Actor
from pos.credentials import life
from pos.credentials.models import Card
from pos.db import Database
from pos.errors import NotFound
from pos.family.links import linked_residents
from pos.family.models import FamilyMember
from pos.ledger.posting import wallet_of
from pos.me.meals import upcoming
from pos.residents.records import get_resident
from pos.sales.models import Sale

RECENT_MEALS = 10


def overview(session: Session, resident_id: int) -> dict:
    """Name, balance, cards and recent meals with their subsidy lines."""
    resident = get_resident(session, resident_id)
    cards = session.scalars(select(Card).where(Card.resident_id == resident_id, Card.status != "returned")
                            .order_by(Card.id))
    sales = session.scalars(select(Sale).where(Sale.resident_id == resident_id)
                            .options(selectinload(Sale.lines), selectinload(Sale.subsidies), selectinload(Sale.void))
                            .order_by(Sale.sold_at.desc(), Sale.id.desc()).limit(RECENT_MEALS))
    return {"name": resident.name, "balance_fen": wallet_of(session, resident_id).balance_fen,
            "cards": [{"id": c.id, "tail": c.uid[-4:], "status": c.status} for c in cards],
            "meals": [_meal(sale) for sale in sales]}


def family_overview(session: Session, family_member_id: int, today: date, locale: str) -> dict:
    """The family member's name and, for each resident linked to them, the balance and the meals booked ahead."""
    member = session.get_one(FamilyMember, family_member_id)
    return {"name": member.name, "residents": [
        {"id": resident.id, "name": resident.name, "relationship": link.relationship,
         "balance_fen": wallet_of(session, resident.id).balance_fen,
         "orders": upcoming(session, resident.id, today, locale)}
        for link, resident in linked_residents(session, family_member_id)]}


def _meal(sale: Sale) -> dict:
    return {"receipt_no": sale.receipt_no, "sold_at": sale.sold_at, "meal_period": sale.meal_period,
            "total_fen": sale.total_fen, "subsidy_fen": sale.subsidy_fen, "paid_fen": sale.paid_fen,
            "voided": sale.void is not None,
            "lines": [{"name": line.name, "qty": line.qty, "amount_fen": line.amount_fen} for line in sale.lines],
            "subsidies": [{"reason_zh": s.reason_zh, "reason_en": s.reason_en, "amount_fen": s.amount_fen}
                          for s in sale.subsidies]}


def report_own_card_lost(db: Database, session: Session, resident_id: int, card_id: int) -> dict:
    """Block one of the resident's own cards."""
    card = session.get(Card, card_id)
    if card is None or card.resident_id != resident_id:
        raise NotFound("card %(uid)s is not registered", code="card_not_found", uid=card_id)
    return life.report_lost(db, card.uid, Actor(resident_id=resident_id))
