"""At the counter: a scan becomes a resident panel and a presentation to settle with."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from pos.clock import local_date
from pos.config import Config
from pos.credentials.models import Card
from pos.credentials.presentation import sign_presentation
from pos.credentials.services import Presented, consume_pass, identify
from pos.db import Database
from pos.ledger.posting import wallet_of
from pos.residents.masks import mask_number
from pos.residents.models import SubsidyCategory
from pos.sales.services import Till
from pos.sales.usage import subsidies_on
from subsidy import age_on
from vocabulary import Identified


def present_credential(db: Database, settings: Config, kind: str, value: object, till: Till, now: datetime) -> dict:
    """Identify the resident behind a scan (spending a one-time QR code) and describe them for the cashier."""
    today = local_date(now, settings.timezone)
    terminal_id = till.terminal_id
    with db.unit_of_work() as session:
        presented = identify(session, kind, value, till.cashier, now, terminal_id, lock=True,
                             secret=settings.secret_key)
        consume_pass(presented)
        resident = presented.resident
        names = {code: zh for code, zh in session.execute(select(SubsidyCategory.code, SubsidyCategory.name_zh))}
        used = subsidies_on(session, resident.id, today)
        return {
            "presentation": sign_presentation(settings.secret_key, resident.id, presented.kind, presented.ref,
                                              terminal_id),
            "credential_kind": presented.kind, "static_pass": presented.static_pass,
            "resident": {
                "id": resident.id, "name": resident.name, "id_number": mask_number(resident.id_number),
                "age": age_on(resident.birth_date, today), "status": resident.status,
                "balance_fen": wallet_of(session, resident.id).balance_fen,
                "categories": [{"code": c.category_code, "name": names.get(c.category_code, c.category_code)}
                               for c in resident.categories
                               if c.valid_on(today)],
                # Dietary needs and allergens as codes; the page shows them by its own words for them.
                "diet": list(resident.diet or []), "allergens": list(resident.allergens or [])},
            "subsidies_today": [{"meal_period": period, "amount_fen": fen} for period, fen in used],
        } | _card_of(session, presented)


def _card_of(session, presented: Presented) -> dict:
    """The card the counter may report lost or replace: the one shown, or else the resident's only active card.

    A resident who lost their card often comes with the QR pass on their phone instead.
    """
    if presented.kind == Identified.CARD:
        return {"card_uid": presented.ref}
    active = session.scalars(select(Card.uid).where(Card.resident_id == presented.resident.id,
                                                    Card.status == "active")).all()
    return {"card_uid": active[0]} if len(active) == 1 else {}
