"""A family member and the residents they are linked to."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from pos.db import Base


class FamilyMember(Base):
    """A relative (a son, a daughter, a neighbour who helps) who signs in on /me with a phone number and a PIN."""

    __tablename__ = "family_member"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60))
    phone: Mapped[str] = mapped_column(String(20), unique=True)  # digits only: how they sign in
    pin_hash: Mapped[str] = mapped_column(String(255))  # pos.signins.secrets: never the PIN itself
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class FamilyLink(Base):
    """A family member may book for, and read the balance of, this resident."""

    __tablename__ = "family_link"
    __table_args__ = (UniqueConstraint("family_member_id", "resident_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    family_member_id: Mapped[int] = mapped_column(ForeignKey("family_member.id"), index=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("resident.id"), index=True)
    relationship: Mapped[str] = mapped_column(String(20))  # as the family says it: 女儿, 儿子, 侄子...
    linked_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
