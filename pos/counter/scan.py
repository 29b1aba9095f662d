"""At the counter: a scan (or a checked ID card) becomes a resident panel and a presentation to settle with."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from pos.audit import Actor, record
from pos.clock import local_date
from pos.config import Config
from pos.credentials.life import was_replaced
from pos.credentials.lookup import card_by_uid
from pos.credentials.models import Card
from pos.credentials.pins import counter_attempt, pin_typed
from pos.credentials.presentation import sign_presentation
from pos.credentials.services import Presented, consume_pass, identify, identity_checked
from pos.db import Database
from pos.ledger.posting import wallet_of
from pos.orders.at_counter import booking_now
from pos.residents.masks import mask_number
from pos.residents.models import Resident, SubsidyCategory
from pos.sales.services import Till
from pos.sales.usage import subsidies_on
from subsidy import age_on
from vocabulary import Identified

IDENTITY_CHECKED = "resident.identity_checked"
PIN_TYPED = "resident.pin_typed"


def present_credential(db: Database, settings: Config, kind: str, value: object, till: Till, now: datetime) -> dict:
    """Identify the resident behind a scan (spending a one-time QR code) and describe them for the cashier.

    A card reported lost shows whose it is, so the cashier can replace it, but it gets no presentation:
    a lost card never pays, the money on it stays safe until the new card or an ID check.
    """
    with db.unit_of_work() as session:
        lost = _blocked_card(session, kind, value)
        if lost is not None:
            return ({"credential_kind": Identified.CARD, "static_pass": False}
                    | _panel(session, session.get_one(Resident, lost.resident_id), now, settings.timezone)
                    | {"card_uid": lost.uid, "card_status": _blocked_status(session, lost)})
        presented = identify(session, kind, value, till.cashier, now, till.terminal_id, lock=True,
                             secret=settings.secret_key)
        consume_pass(presented)
        return _presented(settings, presented, till) | _panel(session, presented.resident, now, settings.timezone) | (
            _card_of(session, presented))


def check_identity(db: Database, settings: Config, resident_id: int, till: Till, now: datetime) -> dict:
    """A resident with no card or pass, whose ID card the signed-in cashier checked: the panel to settle with.

    Audited, as the check stands in for a credential: who checked whom, at which counter.
    """
    today = local_date(now, settings.timezone)
    with db.unit_of_work() as session:
        presented = identity_checked(session, resident_id, till.cashier, today)
        record(session, Actor(till.cashier.id if till.cashier else None, till.terminal_id), IDENTITY_CHECKED,
               "resident", resident_id, after={"credential_kind": presented.kind}, at=now)
        return _presented(settings, presented, till) | _panel(session, presented.resident, now, settings.timezone) | (
            _card_of(session, presented))


def check_pin(db: Database, settings: Config, resident_id: int, pin: object, till: Till, now: datetime) -> dict:
    """A resident with no card or pass, found by the signed-in cashier, who typed their PIN here: the panel to
    settle with, as a scan gives. Wrong PINs count against the resident and the counter; a right one is audited."""
    today = local_date(now, settings.timezone)
    attempt = counter_attempt(db, resident_id, till.terminal_id, now)
    with db.unit_of_work() as session:
        presented = pin_typed(session, attempt, resident_id, pin, till.cashier, today)
        record(session, Actor(till.cashier.id if till.cashier else None, till.terminal_id), PIN_TYPED,
               "resident", resident_id, after={"credential_kind": presented.kind}, at=now)
        return _presented(settings, presented, till) | _panel(session, presented.resident, now, settings.timezone) | (
            _card_of(session, presented))


def _presented(settings: Config, presented: Presented, till: Till) -> dict:
    return {"presentation": sign_presentation(settings.secret_key, presented.resident.id, presented.kind,
                                              presented.ref, till.terminal_id),
            "credential_kind": presented.kind, "static_pass": presented.static_pass}


def _panel(session: Session, resident: Resident, now: datetime, timezone: str) -> dict:
    """Who the resident is, as the cashier needs them: masked ID number, age, balance, categories, needs, and the
    meal they booked to eat or pick up now."""
    today = local_date(now, timezone)
    names = {code: zh for code, zh in session.execute(select(SubsidyCategory.code, SubsidyCategory.name_zh))}
    used = subsidies_on(session, resident.id, today)
    return {
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
        "booking": booking_now(session, resident.id, now, timezone),
    }


def _blocked_card(session: Session, kind: str, value: object) -> Card | None:
    """The scanned card when it is blocked (reported lost or replaced); a returned card is nobody's now."""
    if kind != "card_uid":
        return None
    card = card_by_uid(session, str(value), field="credential.card_uid")
    return card if card is not None and card.status == "blocked" else None


def _blocked_status(session: Session, card: Card) -> str:
    return "replaced" if was_replaced(session, card.id) else "lost"


def _card_of(session: Session, presented: Presented) -> dict:
    """The card the counter may report lost or replace: the one shown, or else the resident's only active card,
    or else their card reported lost (which 补卡 replaces).

    A resident who lost their card often comes with the QR pass on their phone, or their ID card, instead.
    """
    if presented.kind == Identified.CARD:
        return {"card_uid": presented.ref, "card_status": "active"}
    cards = session.scalars(select(Card).where(Card.resident_id == presented.resident.id,
                                               Card.status.in_(("active", "blocked"))).order_by(Card.id.desc())).all()
    active = [card for card in cards if card.status == "active"]
    if active:
        return {"card_uid": active[0].uid, "card_status": "active"} if len(active) == 1 else {}
    lost = next((card for card in cards if not was_replaced(session, card.id)), None)
    return {"card_uid": lost.uid, "card_status": "lost"} if lost is not None else {}
