"""The canteen and the area it sits in (local-residency subsidy rules compare areas)."""
from __future__ import annotations

from datetime import time
from functools import lru_cache
from typing import Any

from sqlalchemy import Boolean, ForeignKey, String, func, select
from sqlalchemy.orm import Mapped, MappedColumn, mapped_column

from pos.canteens.cutoffs import DEFAULT_CUTOFFS, Cutoff, parse_cutoffs
from pos.config import DEFAULT_HOURS, parse_hours
from pos.db import Base

DEFAULT_NOT_SEEN_DAYS = 2


class Canteen(Base):
    """A community canteen (社区老年食堂)."""

    __tablename__ = "canteen"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    province: Mapped[str] = mapped_column(String(40), default="")
    city: Mapped[str] = mapped_column(String(40), default="")
    district: Mapped[str] = mapped_column(String(40), default="")
    street: Mapped[str] = mapped_column(String(40), default="")
    community: Mapped[str] = mapped_column(String(40), default="")
    # The subsidy policy this canteen applies (its versions are in policy_version).
    policy_id: Mapped[str | None] = mapped_column(String(40))
    # Serving hours per meal period, as CANTEEN_HOURS writes them (which seeds them when the canteen is set up).
    hours: Mapped[str] = mapped_column(String(120), default=DEFAULT_HOURS)
    # What the admins set on /settings (CANTEEN_PRINTER seeds the printer when the canteen is set up).
    address: Mapped[str] = mapped_column(String(120), default="")
    phone: Mapped[str] = mapped_column(String(20), default="")
    receipt_footer: Mapped[str] = mapped_column(String(100), default="")
    printer: Mapped[str] = mapped_column(String(200), default="none")
    # Where residents reach the receipt check page (/r/...) from outside; "" means the address a page was opened at.
    public_base_url: Mapped[str] = mapped_column(String(200), default="")
    sale_needs_shift: Mapped[bool] = mapped_column(Boolean, default=True)
    # When booking each meal period's meal closes (pos.canteens.cutoffs), as /settings writes it.
    order_cutoffs: Mapped[str] = mapped_column(String(120), default=DEFAULT_CUTOFFS)
    # After how many days without a meal a resident who usually eats here is on the "not seen" list (pos/alerts).
    not_seen_days: Mapped[int] = mapped_column(default=DEFAULT_NOT_SEEN_DAYS)

    @property
    def serving_hours(self) -> dict[str, tuple[time, time]]:
        """Start and end of each meal period served (read on every sale: parsed once per text)."""
        return _parsed_hours(self.hours)


    @property
    def cutoffs(self) -> dict[str, Cutoff]:
        """When booking closes, per meal period."""
        return _parsed_cutoffs(self.order_cutoffs)


_parsed_cutoffs = lru_cache(maxsize=16)(parse_cutoffs)
_parsed_hours = lru_cache(maxsize=16)(parse_hours)


def owning_canteen(nullable: bool = False, index: bool = False) -> MappedColumn[Any]:
    """The `canteen_id` of a record that belongs to one canteen (a dish, a terminal, a week's menu...).

    One server runs one canteen for now, so a record made without naming its canteen belongs to the first
    one, chosen in the INSERT itself; a district of several canteens names it on every insert instead.
    """
    return mapped_column(ForeignKey("canteen.id"), nullable=nullable, index=index,
                         default=select(func.min(Canteen.id)).scalar_subquery())
