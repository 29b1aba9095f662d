"""The fraud report of a canteen's month (every check, with the names and explanations it shows) and marking a
finding explained."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from pos.audit import Actor
from pos.audit import record as audit
from pos.auth.models import User
from pos.canteens.models import Canteen
from pos.canteens.services import canteen_in_use
from pos.clock import as_utc
from pos.db import Database
from pos.errors import N_, Conflict, InvalidInput, NotFound
from pos.fraud import checks
from pos.fraud.findings import CHECKS, Explanation, Finding, Report, Scope
from pos.fraud.models import FraudExplanation
from pos.input_text import checked_text, column_length
from pos.residents.models import Resident
from pos.statements.periods import Month
from pos.terminals.models import Terminal

NOTE_NEEDED = N_("must be filled in: why this is not fraud, or what was done")
ALREADY = N_("this finding was already explained by %(name)s: %(note)s")
UNKNOWN_CHECK = N_("must be one of %(choices)s")


def scope_of(canteen: Canteen, month: Month, zone: str) -> Scope:
    """What a report of this canteen's month covers."""
    return Scope(canteen.id, month, zone, dict(canteen.serving_hours))


def fraud_report(session: Session, scope: Scope) -> Report:
    """Every check's findings for the month, each with its explanation if one was written, and the names of the
    residents, staff, terminals and canteens they mention."""
    found = [finding for check in checks.ALL for finding in check(session, scope)]
    notes = _explanations(session, scope.canteen_id, found)
    found = [replace(f, explanation=notes.get((f.check, f.key))) for f in found]
    return Report(scope, tuple(found), **_names(session, found))


def explain(db: Database, canteen_id: int | None, check: str, key: str, note: str, actor: Actor,
            now: datetime) -> Explanation:
    """Mark a finding of a canteen (None: the one this server runs) explained with a note, audited as
    fraud.explained; without a note, or a second time, it is refused and nothing changes."""
    if check not in CHECKS:
        raise InvalidInput(UNKNOWN_CHECK, field="check", choices=", ".join(CHECKS))
    key = checked_text((key or "").strip(), column_length(FraudExplanation.key), field="key")
    if not key:
        raise InvalidInput(N_("must be filled in"), field="key")
    note = checked_text((note or "").strip(), column_length(FraudExplanation.note), field="note", multiline=True)
    if not note:
        raise InvalidInput(NOTE_NEEDED, field="note")
    with db.unit_of_work() as session:
        canteen = canteen_in_use(session) if canteen_id is None else session.get(Canteen, canteen_id)
        if canteen is None:
            raise NotFound(N_("no canteen %(id)s"), code="no_canteen", id=canteen_id)
        canteen_id = canteen.id
        _refuse_if_explained(session, canteen_id, check, key)
        row = FraudExplanation(canteen_id=canteen_id, check=check, key=key, note=note, staff_id=actor.staff_id,
                               at=now)
        try:
            with session.begin_nested():  # the same finding explained at the same moment elsewhere
                session.add(row)
                session.flush()
        except IntegrityError:
            _refuse_if_explained(session, canteen_id, check, key)
            raise
        audit(session, actor, "fraud.explained", "fraud_finding", f"{check}:{key}", before={"explained": False},
              after={"explained": True, "canteen_id": canteen_id, "note": note}, note=note, at=now)
        return Explanation(note, actor.staff_id, _staff_name(session, actor.staff_id), now)


def _refuse_if_explained(session: Session, canteen_id: int, check: str, key: str) -> None:
    first = session.scalar(select(FraudExplanation).where(
        FraudExplanation.canteen_id == canteen_id, FraudExplanation.check == check, FraudExplanation.key == key))
    if first is not None:
        raise Conflict(ALREADY, code="already_explained", name=_staff_name(session, first.staff_id), note=first.note)


def _explanations(session: Session, canteen_id: int, found: list[Finding]) -> dict[tuple[str, str], Explanation]:
    """The explanations written for these findings."""
    keys = {f.key for f in found}
    if not keys:
        return {}
    rows = session.execute(select(FraudExplanation, User.display_name).outerjoin(
        User, User.id == FraudExplanation.staff_id).where(FraudExplanation.canteen_id == canteen_id,
                                                          FraudExplanation.key.in_(keys)))
    return {(e.check, e.key): Explanation(e.note, e.staff_id, name or "", as_utc(e.at)) for e, name in rows}


def _names(session: Session, found: list[Finding]) -> dict[str, dict[int, str]]:
    """The names of everyone and everything the findings mention."""
    meals = [m for f in found for m in f.meals]
    residents = {f.resident_id for f in found} | {m.resident_id for m in meals}
    staff = {f.staff_id for f in found} | {m.staff_id for m in meals}
    terminals = {f.terminal_id for f in found} | {m.terminal_id for m in meals}
    canteens = {m.canteen_id for m in meals}
    return {"residents": _named(session, Resident.id, Resident.name, residents),
            "staff": _named(session, User.id, User.display_name, staff),
            "terminals": _named(session, Terminal.id, Terminal.name, terminals),
            "canteens": _named(session, Canteen.id, Canteen.name, canteens)}


def _named(session: Session, id_column, name_column, ids: Iterable[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    return {i: name for i, name in session.execute(select(id_column, name_column).where(id_column.in_(wanted)))}


def _staff_name(session: Session, staff_id: int | None) -> str:
    user = session.get(User, staff_id) if staff_id is not None else None
    return user.display_name if user else ""
