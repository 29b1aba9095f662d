"""Who is at the counter: a card UID, a QR pass, a resident chosen by a manager, or one whose ID card a
cashier checked."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from cards.errors import QrError
from cards.qrpass import parse_pass, verify_pass
from pos.auth.models import User
from pos.credentials.errors import CardBlocked, QrRefused, UnknownCredential
from pos.credentials.lookup import card_by_uid
from pos.credentials.presentation import open_presentation
from pos.errors import N_, Conflict, Forbidden, InvalidInput
from pos.residents.models import Resident, still_here
from vocabulary import Identified


@dataclass(frozen=True)
class Presented:
    """The resident identified, how, and whether the cashier must check a photo."""

    resident: Resident
    kind: str  # an Identified word: card, qr, qr_static, resident_id, identity_check
    ref: str
    qr_step: int | None = None

    @property
    def static_pass(self) -> bool:
        return self.kind == Identified.QR_STATIC


def identify(session: Session, kind: str, value: object, user: User | None, now: datetime,
             terminal_id: int | None = None, lock: bool = False, secret: str = "",
             today: date | None = None) -> Presented:
    """Find the resident behind a credential, refusing blocked cards and bad passes.

    `lock` (when the caller will spend a one-time QR code) holds the resident's row, so two counters
    scanning the same code at once queue and the second finds it spent. `secret` opens presentations.
    `today` is the canteen's local date (an identity check is only for a resident still here on it).
    """
    if kind == "card_uid":
        return _by_card(session, str(value))
    if kind == "qr":
        return _by_pass(session, str(value), now, lock)
    if kind == "presentation":
        return _by_presentation(session, str(value), terminal_id, secret, user, today or now.date())
    if kind != "resident_id":  # a walk-in has no resident to find
        raise InvalidInput("must be a card, a QR pass or a resident to present", field="credential")
    if user is None or not user.has_role("manager"):
        raise Forbidden("only a manager may look a resident up by id")
    resident = session.get(Resident, value)
    if resident is None:
        raise UnknownCredential("no resident %(id)s", id=value)
    return Presented(resident, Identified.RESIDENT_ID, str(value))


def _by_card(session: Session, text: str) -> Presented:
    card = card_by_uid(session, text, field="credential.card_uid")
    if card is None:
        raise UnknownCredential("this card is not registered")
    if card.status != "active":
        raise CardBlocked("this card is blocked (reported lost or returned); ask the resident for their new card")
    return Presented(session.get_one(Resident, card.resident_id), Identified.CARD, card.uid)


def _by_pass(session: Session, payload: str, now: datetime, lock: bool) -> Presented:
    try:
        parsed = parse_pass(payload)
        resident = session.get(Resident, parsed.resident_id, with_for_update=lock, populate_existing=lock)
        if resident is None or not resident.qr_secret:
            raise UnknownCredential("this pass belongs to no registered resident")
        accepted = verify_pass(parsed, resident.qr_secret, now, resident.qr_last_step or None,
                               current_issue=resident.qr_static_issue)
    except QrError as exc:
        raise QrRefused(QR_MESSAGES.get(exc.code, QR_MESSAGES["qr_invalid"]), code=exc.code) from None
    kind = Identified.QR_STATIC if accepted.static else Identified.QR
    return Presented(resident, kind, payload[:40], accepted.step)


def _by_presentation(session: Session, token: str, terminal_id: int | None, secret: str, user: User | None,
                     today: date) -> Presented:
    resident_id, kind, ref = open_presentation(secret, token, terminal_id)
    if kind == Identified.CARD:
        return _by_card(session, ref)  # the card may have been reported lost since the scan
    if kind == Identified.IDENTITY_CHECK:
        # Only the cashier who checked the ID card settles on it, signed in here still.
        if user is None or str(user.id) != ref:
            raise Forbidden("the ID card was checked by another cashier; check it again",
                            code="identity_not_checked")
        return identity_checked(session, resident_id, user, today)
    resident = session.get(Resident, resident_id)
    if resident is None:
        raise UnknownCredential("this pass belongs to no registered resident")
    return Presented(resident, kind, ref)


def identity_checked(session: Session, resident_id: int, user: User | None, today: date) -> Presented:
    """A resident without card or pass, chosen by a signed-in cashier after checking their ID card.

    The ref is the cashier's id, so the sale records who checked. Only a resident still here on `today`
    may be settled this way.
    """
    if user is None or not user.has_role("cashier"):
        raise Forbidden("only a signed-in cashier may check an ID card")
    resident = session.get(Resident, resident_id)
    if resident is None:
        raise UnknownCredential("no resident %(id)s", id=resident_id)
    if not still_here(resident.status, resident.status_date, today):
        raise Conflict("this resident moved away or died; nothing can be settled for them",
                       code="resident_not_active")
    return Presented(resident, Identified.IDENTITY_CHECK, str(user.id))


def consume_pass(presented: Presented) -> None:
    """Remember the step of a one-time pass so it is never accepted again."""
    if presented.qr_step is not None:
        presented.resident.qr_last_step = presented.qr_step


QR_MESSAGES = {
    "qr_expired": N_("this code has expired; ask for the new code on the phone"),
    "qr_reused": N_("this code was already used; ask for the new code on the phone"),
    "qr_revoked": N_("this printed pass was replaced by a newer one"),
    "qr_invalid": N_("this is not a valid canteen pass"),
}

