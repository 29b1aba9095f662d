"""Residents, the subsidy categories they hold, and the categories themselves."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, CheckConstraint, Date, DateTime, ForeignKey, Index, String, func, text
from sqlalchemy.engine.default import DefaultExecutionContext
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pos.clock import utc_now
from pos.db import Base
from pos.residents.search_keys import last_four, name_initials

STATUSES = ("active", "moved_away", "deceased")


def still_here(status: str, status_date: date | None, day: date) -> bool:
    """Whether a resident still lives here on `day`: active, or moved away or died after it (status_date is
    the last day that counts, as subsidy.eligibility reads it)."""
    return status == "active" or (status_date is not None and day <= status_date)


def _keyed(column: str, key):
    """A column default computed from another column of the same insert (bulk inserts too)."""
    def default(context: DefaultExecutionContext) -> str:
        return key(context.get_current_parameters().get(column) or "")
    return default


class SubsidyCategory(Base):
    """A category such as 低保 or 特困; kept as data so an admin can add one."""

    __tablename__ = "subsidy_category"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name_zh: Mapped[str] = mapped_column(String(40))
    name_en: Mapped[str] = mapped_column(String(60))


class Resident(Base):
    """An older resident who eats at the canteen."""

    __tablename__ = "resident"
    __table_args__ = (
        CheckConstraint("status IN ('active', 'moved_away', 'deceased')", name="status"),
        CheckConstraint("status = 'active' OR status_date IS NOT NULL", name="status_date"),
        # The list's order (pinyin initials, then name) and the initials search, by prefix, in one index.
        Index("ix_resident_name_initials", "name_initials", "name", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60))
    id_number: Mapped[str] = mapped_column(String(18), unique=True)
    birth_date: Mapped[date] = mapped_column(Date)
    sex: Mapped[str] = mapped_column(String(1))
    phone: Mapped[str] = mapped_column(String(20), default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    province: Mapped[str] = mapped_column(String(40), default="")
    city: Mapped[str] = mapped_column(String(40), default="")
    district: Mapped[str] = mapped_column(String(40), default="")
    street: Mapped[str] = mapped_column(String(40), default="")
    community: Mapped[str] = mapped_column(String(40), default="")
    status: Mapped[str] = mapped_column(String(16), default="active")
    # Moved-away or death date: the last day a subsidy may be given.
    status_date: Mapped[date | None] = mapped_column(Date)
    # The QR pass: a per-resident secret, and the last time step accepted (a code works once).
    qr_secret: Mapped[str | None] = mapped_column(String(64))
    qr_last_step: Mapped[int] = mapped_column(default=0)
    qr_static_issue: Mapped[int] = mapped_column(default=1)  # printing a new static pass revokes older ones
    # The resident page (/me): a PIN set at the counter, hashed (guessing is limited in pos/signins).
    pin_hash: Mapped[str | None] = mapped_column(String(256))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now, server_default=func.now())
    emergency_name: Mapped[str] = mapped_column(String(60), default="", server_default="")
    emergency_phone: Mapped[str] = mapped_column(String(20), default="", server_default="")
    # Dietary needs (pos.residents.diet: diabetic, low_salt, soft, minced) and allergens (menu.Allergen), as codes.
    diet: Mapped[list[str]] = mapped_column(JSON, default=list, server_default=text("'[]'"))
    allergens: Mapped[list[str]] = mapped_column(JSON, default=list, server_default=text("'[]'"))
    # Search keys (pos.residents.search_keys), kept in step with the name and numbers by records._apply.
    name_initials: Mapped[str] = mapped_column(String(60), default=_keyed("name", name_initials), server_default="")
    id_last4: Mapped[str] = mapped_column(String(4), default=_keyed("id_number", last_four), server_default="",
                                          index=True)
    phone_last4: Mapped[str] = mapped_column(String(4), default=_keyed("phone", last_four), server_default="",
                                             index=True)

    # The grants in force; a grant changed or withdrawn is kept, revoked, in `category_history`.
    categories: Mapped[list[ResidentCategory]] = relationship(
        primaryjoin="and_(Resident.id == ResidentCategory.resident_id, ResidentCategory.revoked_at.is_(None))",
        order_by="ResidentCategory.id", viewonly=True)
    category_history: Mapped[list[ResidentCategory]] = relationship(order_by="ResidentCategory.id", viewonly=True)


class ResidentCategory(Base):
    """A resident's subsidy category, valid between two dates, with the proof seen."""

    __tablename__ = "resident_category"
    __table_args__ = (
        Index("uq_resident_category_in_force", "resident_id", "category_code", "valid_from", unique=True,
              sqlite_where=text("revoked_at IS NULL"), postgresql_where=text("revoked_at IS NULL")),
        CheckConstraint("valid_to IS NULL OR valid_from IS NULL OR valid_from <= valid_to", name="valid_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("resident.id"), index=True)
    category_code: Mapped[str] = mapped_column(ForeignKey("subsidy_category.code"))
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    proof_note: Mapped[str] = mapped_column(String(200), default="")
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now, server_default=func.now())
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))  # changed or withdrawn then
    revoked_by: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))

    def valid_on(self, day: date) -> bool:
        """True when the grant covers this day (both ends included; an open end never ends)."""
        return (self.valid_from or day) <= day <= (self.valid_to or day)
