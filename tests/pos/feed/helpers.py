"""Reading back what a planted day left in the database, to spell out the exact feed."""
from __future__ import annotations

from sqlalchemy import select

from pos.residents.models import Resident
from pos.servicerecords.models import ServiceRecord


def id_numbers(database) -> dict[int, str]:
    with database.reader() as session:
        return dict(session.execute(select(Resident.id, Resident.id_number)).all())


def record_ids(database) -> dict[int, int]:
    """Sale id -> service record id."""
    with database.reader() as session:
        return dict(session.execute(select(ServiceRecord.sale_id, ServiceRecord.id)).all())
