"""A family member's sign-in on /me: phone number and PIN, with the resident PIN's limits on guessing.

A wrong number, a wrong PIN and an account stopped get the same answer, in about the same time, so the page
cannot be used to learn whose numbers are registered.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from pos.credentials.pins import NO_PIN, PIN_PATTERN, PinRefused
from pos.db import Database
from pos.errors import N_
from pos.family.models import FamilyMember
from pos.family.phones import normal_phone
from pos.signins import guessing, held
from pos.signins.secrets import secret_matches

WRONG = N_("wrong phone number or PIN. Forgot the PIN? Ask at the canteen counter")


def sign_in_with_phone(db: Database, session: Session, phone_text: str, pin: str, client: str, now: datetime) -> str:
    """A new sign-in's token for an active family member's phone number and PIN, or a refusal."""
    phone = normal_phone(phone_text)
    attempt = guessing.Attempt(guessing.FAMILY, phone or phone_text or "", client)
    with db.unit_of_work() as tx:
        guessing.begin(tx, attempt, now)
    member = session.scalar(select(FamilyMember).where(FamilyMember.phone == phone)) if phone else None
    known = member is not None and member.active
    matches = secret_matches(member.pin_hash if known and member else NO_PIN, pin or "")
    if member is None or not known or not matches or PIN_PATTERN.fullmatch(pin or "") is None:
        raise PinRefused(WRONG)
    with db.unit_of_work() as tx:
        guessing.succeeded(tx, attempt)
        return held.begin(tx, now, client, family_member_id=member.id)
