"""One meal served: whose, where, when, how it reached them and how their identity was established, with the
resident's categories and age band on that day. Written in the sale's transaction; a void marks it, never deletes.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, CheckConstraint, Date, DateTime, ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column

from pos.canteens.models import owning_canteen
from pos.db import Base
from vocabulary import AGE_BANDS, CHANNELS, IDENTIFICATIONS, MEAL_PERIODS, sql_in


class ServiceRecord(Base):
    """A meal served to a resident (or a walk-in), as the funders count it."""

    __tablename__ = "service_record"
    __table_args__ = (
        CheckConstraint(sql_in("meal_period", MEAL_PERIODS), name="meal_period"),
        CheckConstraint(sql_in("channel", CHANNELS), name="channel"),
        CheckConstraint(sql_in("identified", IDENTIFICATIONS), name="identified"),
        CheckConstraint(f"age_band IS NULL OR {sql_in('age_band', AGE_BANDS)}", name="age_band"),
        CheckConstraint("(resident_id IS NULL) = (age_band IS NULL)", name="resident_has_age_band"),
        CheckConstraint("(identified = 'proxy') = (proxy_name IS NOT NULL)", name="proxy_is_named"),
        Index("ix_service_record_canteen_id_day", "canteen_id", "day"),
        Index("ix_service_record_resident_id_day", "resident_id", "day"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    canteen_id: Mapped[int] = owning_canteen()
    sale_id: Mapped[int] = mapped_column(ForeignKey("sale.id"), unique=True)
    resident_id: Mapped[int | None] = mapped_column(ForeignKey("resident.id"))  # none: a walk-in
    day: Mapped[date] = mapped_column(Date)
    meal_period: Mapped[str] = mapped_column(String(16))
    channel: Mapped[str] = mapped_column(String(16))
    identified: Mapped[str] = mapped_column(String(16))  # vocabulary.Identified: card, qr, identity_check, ...
    proxy_name: Mapped[str | None] = mapped_column(String(40))  # who collected it, when identified is 'proxy'
    categories: Mapped[list[str]] = mapped_column(JSON, default=list, server_default=text("'[]'"))
    age_band: Mapped[str | None] = mapped_column(String(16))
    terminal_id: Mapped[int | None] = mapped_column(ForeignKey("terminal.id"))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    served_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    voided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
