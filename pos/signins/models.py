"""A sign-in held by a browser, and the sign-in attempts that count against guessing."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from pos.db import Base

HOLDERS = ("staff_id", "resident_id", "family_member_id")
ONE_HOLDER = " + ".join(f"(CASE WHEN {c} IS NULL THEN 0 ELSE 1 END)" for c in HOLDERS) + " = 1"


class SignIn(Base):
    """One browser's sign-in: of a member of staff, of a resident on their own page, or of a family member there.

    The browser keeps a random token in its (signed) session cookie and the server only the
    token's hash: ending the row ends the sign-in, wherever its cookie has been copied to.
    """

    __tablename__ = "sign_in"
    __table_args__ = (CheckConstraint(ONE_HOLDER, name="one_holder"),
                      Index("ix_sign_in_staff_id", "staff_id"), Index("ix_sign_in_resident_id", "resident_id"),
                      Index("ix_sign_in_card_id", "card_id"), Index("ix_sign_in_family_member_id", "family_member_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    resident_id: Mapped[int | None] = mapped_column(ForeignKey("resident.id"))
    card_id: Mapped[int | None] = mapped_column(ForeignKey("card.id"))  # the card a resident signed in with
    family_member_id: Mapped[int | None] = mapped_column(ForeignKey("family_member.id"))
    client: Mapped[str] = mapped_column(String(45))  # the address it signed in from
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))  # last request, to the minute
    ended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    ended_because: Mapped[str | None] = mapped_column(String(20))  # signed_out, password_changed, card_lost, ...


class SignInAttempt(Base):
    """A sign-in tried and not (yet) succeeded: counted per account and per client address.

    The account is a hash of what was typed (a username, a card number), so the table holds
    neither guesses nor the numbers of cards that do not exist.
    """

    __tablename__ = "sign_in_attempt"
    __table_args__ = (Index("ix_sign_in_attempt_account", "door", "account", "at"),
                      Index("ix_sign_in_attempt_client", "door", "client", "at"),
                      Index("ix_sign_in_attempt_at", "at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    door: Mapped[str] = mapped_column(String(16))  # staff (pages and API) or resident (/me)
    account: Mapped[str] = mapped_column(String(64))
    client: Mapped[str] = mapped_column(String(45))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
