"""An alert for staff: something that may mean a resident needs help (a rider found nobody at the door),
kept until a member of staff acknowledges it with a note of what they did."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, DateTime, ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column

from pos.canteens.models import owning_canteen
from pos.db import Base
from vocabulary import ALERT_KINDS, sql_in

OPEN = text("acknowledged_at IS NULL")
FOR_AN_ORDER = text("order_id IS NOT NULL")


class Alert(Base):
    """One alert about one resident, open until acknowledged."""

    __tablename__ = "alert"
    __table_args__ = (
        CheckConstraint(sql_in("kind", ALERT_KINDS), name="kind"),
        CheckConstraint("(acknowledged_at IS NULL) = (acknowledged_by_staff_id IS NULL)", name="acknowledged_by"),
        # A rider's retried tap raises nothing new: one alert of a kind per resident and order, held by the
        # database itself when two retries arrive at once.
        Index("uq_alert_order", "kind", "resident_id", "order_id", unique=True,
              sqlite_where=FOR_AN_ORDER, postgresql_where=FOR_AN_ORDER),
        Index("ix_alert_open", "canteen_id", "raised_at", sqlite_where=OPEN, postgresql_where=OPEN),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    canteen_id: Mapped[int] = owning_canteen()
    kind: Mapped[str] = mapped_column(String(16))
    resident_id: Mapped[int] = mapped_column(ForeignKey("resident.id"), index=True)
    # The meal order it is about, when there is one (also in details, as the raiser gave it).
    order_id: Mapped[int | None] = mapped_column(ForeignKey("meal_order.id"))
    raised_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # What the raiser knew, e.g. {"order_id": 12, "meal_period": "lunch", "rider": "王师傅"}.
    details: Mapped[dict] = mapped_column(JSON, default=dict)
    acknowledged_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    acknowledged_by_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    note: Mapped[str] = mapped_column(String(300), default="")
