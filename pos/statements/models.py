"""Issued subsidy claims, frozen: the subsidy lines each one claimed are recorded."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from pos.canteens.models import owning_canteen
from pos.db import Base


class SubsidyClaim(Base):
    """The claim to one funder for one month (补贴结算单), once issued."""

    __tablename__ = "subsidy_claim"
    __table_args__ = (UniqueConstraint("canteen_id", "funder", "month"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    canteen_id: Mapped[int] = owning_canteen()
    funder: Mapped[str] = mapped_column(String(40))
    month: Mapped[str] = mapped_column(String(7))  # YYYY-MM
    issued_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    issued_by: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    meals: Mapped[int]
    claimed_fen: Mapped[int]       # this month's subsidy lines
    adjustment_fen: Mapped[int]    # voids of lines claimed in earlier months (negative)


class ClaimItem(Base):
    """A subsidy line claimed (or, negative, taken back because its sale was voided after issue)."""

    __tablename__ = "claim_item"
    __table_args__ = (UniqueConstraint("sale_subsidy_id", "kind"),
                      CheckConstraint("kind IN ('claimed', 'adjustment')", name="kind"))

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("subsidy_claim.id"), index=True)
    sale_subsidy_id: Mapped[int] = mapped_column(ForeignKey("sale_subsidy.id"))
    kind: Mapped[str] = mapped_column(String(16))
    amount_fen: Mapped[int]
    # The resident's category as it stood when the claim was issued, so a later correction of
    # their categories cannot change an issued claim's breakdown.
    category: Mapped[str | None] = mapped_column(String(40))
