"""Raising alerts (in the caller's transaction, once per order), acknowledging them with a note, and reading
the open ones with what staff need to act: the resident's phone, address and emergency contact."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from pos.alerts.models import Alert
from pos.audit import Actor
from pos.audit import record as audit
from pos.auth.models import User
from pos.clock import as_utc
from pos.db import Database
from pos.errors import N_, Conflict, InvalidInput, NotFound
from pos.input_text import checked_text, column_length
from pos.orders.models import MealOrder
from pos.residents.models import Resident
from vocabulary import ALERT_KINDS

NOTE_NEEDED = N_("must be filled in: what was done, such as who was called")
ALREADY = N_("this alert was already acknowledged by %(name)s: %(note)s")
RECENT = 20  # acknowledged alerts the managers' page shows


@dataclass(frozen=True)
class AlertView:
    """An alert as staff read it, with who it is about and whom to call."""

    id: int
    kind: str
    resident_id: int
    name: str
    phone: str
    address: str
    emergency_name: str
    emergency_phone: str
    raised_at: datetime
    details: dict
    acknowledged_at: datetime | None = None
    acknowledged_by: str = ""
    note: str = ""


def raise_alert(session: Session, kind: str, resident_id: int, details: dict, actor: Actor, now: datetime) -> int:
    """Add an alert in the caller's transaction (audited as alert.raised) and return its id; the same kind for
    the same resident and details["order_id"] again returns the first alert's id (a rider's retried tap)."""
    order_id = _checked(kind, details)
    if session.get(Resident, resident_id) is None:
        raise NotFound(N_("no resident %(id)s"), code="no_resident", id=resident_id)
    about = session.get(MealOrder, order_id) if order_id is not None else None
    if order_id is not None and about is None:
        raise NotFound(N_("no order %(id)s"), code="no_order", id=order_id)
    if about is not None and about.resident_id != resident_id:
        raise InvalidInput(N_("order %(id)s is not this resident's"), field="details.order_id", id=order_id)
    if order_id is not None and (first := _raised(session, kind, resident_id, order_id)) is not None:
        return first
    alert = Alert(kind=kind, resident_id=resident_id, order_id=order_id, raised_at=now, details=dict(details),
                  note="")
    if about is not None:
        alert.canteen_id = about.canteen_id
    try:
        with session.begin_nested():  # the same tap, retried, committed since the check
            session.add(alert)
            session.flush()
    except IntegrityError:
        first = _raised(session, kind, resident_id, order_id) if order_id is not None else None
        if first is None:
            raise
        return first
    audit(session, actor, "alert.raised", "alert", alert.id,
          after={"kind": kind, "resident_id": resident_id, "details": alert.details}, at=now)
    return alert.id


def acknowledge(db: Database, alert_id: int, note: str, actor: Actor, now: datetime) -> AlertView:
    """Acknowledge an open alert with a note of what was done (audited as alert.acknowledged); a second
    acknowledgement is refused and changes nothing."""
    note = checked_text((note or "").strip(), column_length(Alert.note), field="note", multiline=True)
    if not note:
        raise InvalidInput(NOTE_NEEDED, field="note")
    with db.unit_of_work() as session:
        alert = session.get(Alert, alert_id, with_for_update=True, populate_existing=True)
        if alert is None:
            raise NotFound(N_("no alert %(id)s"), code="no_alert", id=alert_id)
        if alert.acknowledged_at is not None:
            by = session.get(User, alert.acknowledged_by_staff_id)
            raise Conflict(ALREADY, code="already_acknowledged", name=by.display_name if by else "",
                           note=alert.note)
        alert.acknowledged_at, alert.acknowledged_by_staff_id, alert.note = now, actor.staff_id, note
        session.flush()
        audit(session, actor, "alert.acknowledged", "alert", alert.id, before={"acknowledged": False},
              after={"acknowledged": True, "note": note}, note=note, at=now)
        return _views(session, [alert])[0]


def open_alerts(session: Session, canteen_id: int | None = None) -> list[AlertView]:
    """The alerts nobody has acknowledged yet, oldest first (of one canteen, or all)."""
    query = select(Alert).where(Alert.acknowledged_at.is_(None)).order_by(Alert.raised_at, Alert.id)
    if canteen_id is not None:
        query = query.where(Alert.canteen_id == canteen_id)
    return _views(session, list(session.scalars(query)))


def acknowledged_alerts(session: Session, canteen_id: int | None = None, limit: int = RECENT) -> list[AlertView]:
    """The latest acknowledged alerts, newest first, with who acknowledged each and their note."""
    query = select(Alert).where(Alert.acknowledged_at.is_not(None)).order_by(Alert.acknowledged_at.desc(),
                                                                              Alert.id.desc()).limit(limit)
    if canteen_id is not None:
        query = query.where(Alert.canteen_id == canteen_id)
    return _views(session, list(session.scalars(query)))


def home_address(resident: Resident) -> str:
    """Where a resident lives, as a rider or a caller reads it: the community, then the address."""
    return " ".join(part for part in (resident.community, resident.address) if part)


def _checked(kind: str, details: dict) -> int | None:
    """The order an alert is about (from details), once the kind and the details are ones that can be stored."""
    if kind not in ALERT_KINDS:
        raise InvalidInput(N_("must be one of %(choices)s"), field="kind", choices=", ".join(ALERT_KINDS))
    if not isinstance(details, dict):
        raise InvalidInput(N_("must be an object"), field="details")
    try:
        json.dumps(details)
    except (TypeError, ValueError):
        raise InvalidInput(N_("must be an object"), field="details") from None
    order_id = details.get("order_id")
    if order_id is not None and (isinstance(order_id, bool) or not isinstance(order_id, int)):
        raise InvalidInput(N_("must be a whole number"), field="details.order_id")
    return order_id


def _raised(session: Session, kind: str, resident_id: int, order_id: int) -> int | None:
    return session.scalar(select(Alert.id).where(Alert.kind == kind, Alert.resident_id == resident_id,
                                                 Alert.order_id == order_id))


def _views(session: Session, alerts: list[Alert]) -> list[AlertView]:
    """Each alert with its resident's contacts and the name of who acknowledged it."""
    residents = {r.id: r for r in session.scalars(
        select(Resident).where(Resident.id.in_({a.resident_id for a in alerts})))} if alerts else {}
    staff_ids = {a.acknowledged_by_staff_id for a in alerts if a.acknowledged_by_staff_id}
    names = {staff_id: name for staff_id, name in session.execute(
        select(User.id, User.display_name).where(User.id.in_(staff_ids)))} if staff_ids else {}
    return [AlertView(a.id, a.kind, a.resident_id, (r := residents[a.resident_id]).name, r.phone, home_address(r),
                      r.emergency_name, r.emergency_phone, as_utc(a.raised_at), dict(a.details or {}),
                      as_utc(a.acknowledged_at) if a.acknowledged_at else None,
                      names.get(a.acknowledged_by_staff_id or 0, ""), a.note) for a in alerts]
