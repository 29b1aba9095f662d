"""Writing a meal's service record with its sale, and marking it when the sale is voided. The sales call these
(the dependency points from sales to here), handing over what the record keeps."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import insert, update
from sqlalchemy.orm import Session

from pos.ledger.chain import chain_later
from pos.ledger.chain_hash import SERVICE_RECORD, SERVICE_VOID
from pos.residents.models import Resident
from pos.servicerecords.models import ServiceRecord
from subsidy import age_on
from vocabulary import AgeBand, Identified


@dataclass(frozen=True)
class Served:
    """A meal as its sale records it."""

    canteen_id: int
    sale_id: int
    day: date
    meal_period: str
    channel: str
    identified: str
    terminal_id: int | None
    staff_id: int | None
    served_at: datetime
    proxy_name: str | None = None  # someone collected the meal for the resident: identified as a proxy


def record_service(session: Session, served: Served, resident: Resident | None) -> None:
    """The meal's service record, in the sale's transaction: the resident's categories and age band that day."""
    day = served.day
    record_id = session.scalars(insert(ServiceRecord.__table__).values(
        canteen_id=served.canteen_id, sale_id=served.sale_id, resident_id=resident.id if resident else None,
        day=day, meal_period=served.meal_period, channel=served.channel,
        identified=Identified.PROXY if served.proxy_name else served.identified, proxy_name=served.proxy_name,
        categories=sorted({c.category_code for c in resident.categories if c.valid_on(day)}) if resident else [],
        age_band=AgeBand.of(age_on(resident.birth_date, day)).value if resident else None,
        terminal_id=served.terminal_id, staff_id=served.staff_id, served_at=served.served_at)
        .returning(ServiceRecord.id)).one()
    chain_later(session, SERVICE_RECORD, record_id)


def void_service(session: Session, sale_id: int, now: datetime) -> None:
    """The voided sale's record, marked void (kept: a void is part of the history funders read)."""
    voided = session.scalars(update(ServiceRecord).where(ServiceRecord.sale_id == sale_id,
                                                         ServiceRecord.voided_at.is_(None))
                             .values(voided_at=now).returning(ServiceRecord.id)).all()
    for record_id in voided:  # the void is a link of its own: the record's content hash stays as written
        chain_later(session, SERVICE_VOID, record_id)
