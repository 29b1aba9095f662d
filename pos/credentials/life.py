"""A card's life: issued (with a deposit), reported lost, replaced, returned, unblocked.

Each service owns its transaction and writes the card, its audit row (the card's
history) and any ledger transaction together. A deposit is cash taken at the
counter and held in the shared card_deposit account until the card comes back.
"""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from pos.audit import Actor, record
from pos.audit.models import AuditEntry
from pos.clock import utc_now
from pos.credentials.lookup import canonical_uid, card_json, find_card
from pos.credentials.models import Card
from pos.db import Database, insert_if_missing
from pos.errors import N_, Conflict, Forbidden, InvalidInput, amount_in_range
from pos.ledger.posting import account, post
from pos.residents.masks import masked_resident
from pos.residents.records import get_resident
from pos.signins import held as signed_in
from pos.wallets.operations import clearing_account

MAX_DEPOSIT_FEN = 20_000  # 200 yuan; more is a typo


def issue_card(db: Database, resident_id: int, uid_text: str, deposit_fen: int, method: str, actor: Actor) -> dict:
    """Bind a new (or returned) card to a resident, taking an optional deposit."""
    uid = canonical_uid(uid_text)
    amount_in_range(deposit_fen, "deposit_fen", 0, MAX_DEPOSIT_FEN)
    with db.unit_of_work() as session:
        return card_json(issue_in(session, resident_id, uid, deposit_fen, method, actor))


def issue_in(session: Session, resident_id: int, uid: str, deposit_fen: int, method: str, actor: Actor) -> Card:
    """`issue_card` in the caller's transaction (an import issues a list's cards with its residents)."""
    get_resident(session, resident_id)
    card = _fresh_card(session, uid, resident_id, "uid")
    txn_id = _take_deposit(session, card, deposit_fen, method, actor)
    _record(session, actor, card, "issued", before=None, transaction_id=txn_id)
    return card


def _fresh_card(session: Session, uid: str, resident_id: int, field: str) -> Card:
    """A new card row, or a returned card given out again (its history stays with it)."""
    # A new UID goes in as "returned", i.e. free to give out, so that the row exists to lock: two staff
    # issuing one new card at once then queue on it, and the second is told it is already issued.
    insert_if_missing(session, Card, uid=uid, resident_id=resident_id, status="returned", deposit_fen=0,
                      issued_at=utc_now())
    card = session.scalars(select(Card).where(Card.uid == uid).with_for_update()
                           .execution_options(populate_existing=True)).one()
    if card.status != "returned":  # named (masked) so that staff can tell whose it is; nothing changes
        holder = get_resident(session, card.resident_id)
        raise Conflict("card %(uid)s is already issued to %(holder)s", code="card_exists", field=field, uid=uid,
                       holder=masked_resident(holder.name, holder.id_number))
    card.resident_id, card.status, card.issued_at = resident_id, "active", utc_now()
    session.flush()
    return card


def _take_deposit(session: Session, card: Card, deposit_fen: int, method: str, actor: Actor) -> int | None:
    if deposit_fen == 0:
        return None
    held = account(session, "card_deposit", "card_deposit")
    txn = post(session, "deposit", [(clearing_account(session, method), deposit_fen), (held, -deposit_fen)],
               memo=f"card {card.uid}", created_by=actor.staff_id)
    card.deposit_fen = deposit_fen
    return txn.id


def report_lost(db: Database, uid_text: str, actor: Actor) -> dict:
    """Block a card at once: by staff, or by its resident from their own page."""
    with db.unit_of_work() as session:
        card = find_card(session, uid_text, lock=True)
        if actor.resident_id is not None and card.resident_id != actor.resident_id:
            raise Forbidden("this is not your card")
        _require(card, "active")
        before = _state(card)
        card.status = "blocked"
        _record(session, actor, card, "reported_lost", before)
        signed_in.end_card(session, card.id, utc_now(), "card_lost")  # a lost card signs in nowhere
        return card_json(card)


def replace_card(db: Database, uid_text: str, new_uid_text: str, actor: Actor) -> dict:
    """Give the resident a new card: the old one is blocked, its deposit moves to the new one."""
    new_uid = canonical_uid(new_uid_text, field="new_uid")
    with db.unit_of_work() as session:
        old = find_card(session, uid_text, lock=True)
        _require(old, "active", "blocked")
        _refuse_if_replaced(session, old)
        if new_uid == old.uid:
            raise InvalidInput("is the card being replaced", field="new_uid")
        new = _fresh_card(session, new_uid, old.resident_id, "new_uid")
        before = _state(old)
        new.deposit_fen, old.deposit_fen, old.status = old.deposit_fen, 0, "blocked"
        _record(session, actor, old, "replaced", before, note=f"replaced by {new.uid}")
        _record(session, actor, new, "issued", None, note=f"replaces {old.uid}")
        signed_in.end_card(session, old.id, utc_now(), "card_replaced")
        return {"old": card_json(old), "new": card_json(new)}


def return_card(db: Database, uid_text: str, method: str, actor: Actor) -> dict:
    """Take a card back and refund its deposit; the card may be given out again later."""
    with db.unit_of_work() as session:
        card = find_card(session, uid_text, lock=True)
        _require(card, "active", "blocked")
        before, txn_id = _state(card), None
        if card.deposit_fen:
            held = account(session, "card_deposit", "card_deposit")
            txn_id = post(session, "deposit_refund", [(held, card.deposit_fen),
                                                      (clearing_account(session, method), -card.deposit_fen)],
                          memo=f"card {card.uid}", created_by=actor.staff_id).id
        refunded, card.deposit_fen, card.status = card.deposit_fen, 0, "returned"
        signed_in.end_card(session, card.id, utc_now(), "card_returned")
        _record(session, actor, card, "returned", before, note=f"deposit {refunded} fen" if refunded else "",
                transaction_id=txn_id)
        return card_json(card) | {"refunded_fen": refunded}


def unblock_card(db: Database, uid_text: str, actor: Actor) -> dict:
    """Unblock a card reported lost and found again (not one already replaced)."""
    with db.unit_of_work() as session:
        card = find_card(session, uid_text, lock=True)
        _require(card, "blocked")
        _refuse_if_replaced(session, card)
        before = _state(card)
        card.status = "active"
        _record(session, actor, card, "unblocked", before)
        return card_json(card)


STATUS_REFUSALS = {
    "active": N_("card %(uid)s is in use, not blocked"),
    "blocked": N_("card %(uid)s is already blocked (reported lost or replaced)"),
    "returned": N_("card %(uid)s was returned to the canteen"),
}


def _require(card: Card, *statuses: str) -> None:
    if card.status not in statuses:
        raise Conflict(STATUS_REFUSALS[card.status], code=f"card_{card.status}", uid=card.uid)


def _refuse_if_replaced(session: Session, card: Card) -> None:
    if was_replaced(session, card.id):
        raise Conflict("this card was replaced by a new one; it stays blocked", code="card_replaced")


def was_replaced(session: Session, card_id: int) -> bool:
    """Whether a blocked card was replaced (its history says so), rather than only reported lost."""
    return session.scalar(select(AuditEntry.id).where(AuditEntry.subject == "card",
                                                      AuditEntry.subject_id == str(card_id),
                                                      AuditEntry.action == "card.replaced").limit(1)) is not None


def _state(card: Card) -> dict:
    return {"status": card.status, "resident_id": card.resident_id, "deposit_fen": card.deposit_fen}


def _record(session: Session, actor: Actor, card: Card, kind: str, before: dict | None, note: str = "",
            transaction_id: int | None = None) -> None:
    """The card's step in its history: the audit row, in the same transaction."""
    session.flush()
    record(session, actor, f"card.{kind}", "card", card.id, before=before, after=_state(card), note=note,
           transaction_id=transaction_id)
