"""Loading policy files and finding the version in force."""
from __future__ import annotations

import time
from datetime import datetime
from functools import lru_cache
from weakref import WeakKeyDictionary

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from pos.audit import SYSTEM, Actor
from pos.audit import record as audit
from pos.audit.models import AuditEntry
from pos.canteens.services import main_canteen
from pos.clock import as_utc
from pos.db import Database
from pos.errors import CanteenError, Conflict, InvalidInput
from pos.input_text import checked_text, column_length
from pos.policies.models import StoredPolicy
from subsidy import NoPolicyInForce, PolicyError, PolicyVersion, parse_policy, policy_in_force

MAX_CHARACTERS = 200_000  # a policy file is a few kilobytes; a page or the API may send no more


class NoPolicy(CanteenError):
    status = 409
    code = "no_policy_in_force"


def store_policy(session: Session, text: str, source: str = "<upload>", actor: Actor = SYSTEM) -> StoredPolicy:
    """Check a policy file and store it as a new version."""
    checked_text(text, MAX_CHARACTERS, "policy", multiline=True)
    try:
        policy = parse_policy(text, source=source)
    except PolicyError as exc:
        raise InvalidInput("%(problems)s", field="policy", problems=str(exc)) from None
    check_lengths(policy)
    exists = session.scalar(select(StoredPolicy.id).where(StoredPolicy.policy_id == policy.policy_id,
                                                          StoredPolicy.version == policy.version))
    if exists is not None:
        raise Conflict("policy %(policy)s version %(version)s is already loaded; give the new one its own version",
                       code="policy_exists", policy=policy.policy_id, version=policy.version)
    stored = StoredPolicy(policy_id=policy.policy_id, version=policy.version, name=policy.name_zh,
                          effective_from=policy.effective_from, source=text, loaded_by=actor.staff_id)
    session.add(stored)
    session.flush()
    audit(session, actor, "policy.loaded", "policy", f"{stored.policy_id}/{stored.version}",
          after={"name": stored.name, "effective_from": stored.effective_from.isoformat()}, note=source)
    _cache.pop(session.get_bind().engine, None)
    return stored


def check_lengths(policy: PolicyVersion) -> None:
    """The policy's id, version and name fit the columns that keep them, and the audit log's subject."""
    for key, value, column in (("policy.id", policy.policy_id, StoredPolicy.policy_id),
                               ("policy.version", policy.version, StoredPolicy.version),
                               ("policy.name_zh", policy.name_zh, StoredPolicy.name),
                               ("policy.id/policy.version", f"{policy.policy_id}/{policy.version}",
                                AuditEntry.subject_id)):
        checked_text(value, column_length(column), key)


@lru_cache(maxsize=64)
def _parsed(text: str) -> PolicyVersion:
    return parse_policy(text)


# Versions per policy, read at most once a minute: a sale should not re-read policy files.
# Stored versions never change, and a new one is loaded ahead of the date it takes effect.
_cache: WeakKeyDictionary[Engine, dict[str | None, tuple[float, list[PolicyVersion]]]] = WeakKeyDictionary()
CACHE_SECONDS = 60.0


def stored_versions(session: Session, policy_id: str | None) -> list[PolicyVersion]:
    """Every stored version of one policy, parsed."""
    per_database = _cache.setdefault(session.get_bind().engine, {})
    cached = per_database.get(policy_id)
    if cached and time.monotonic() - cached[0] < CACHE_SECONDS:
        return cached[1]
    query = select(StoredPolicy.source).where(StoredPolicy.policy_id == policy_id).order_by(StoredPolicy.id)
    versions = [_parsed(text) for text in session.scalars(query)]
    per_database[policy_id] = (time.monotonic(), versions)
    return versions


def version_in_force(session: Session, policy_id: str | None, at: datetime) -> PolicyVersion:
    """The version of the canteen's policy that governs a sale at `at`."""
    try:
        return policy_in_force(stored_versions(session, policy_id), at)
    except NoPolicyInForce:
        raise NoPolicy("no subsidy policy is in force at %(at)s; an admin must load one",
                       at=f"{at:%Y-%m-%d %H:%M}") from None


def list_versions(session: Session) -> list[dict]:
    """Stored versions, newest first, marking the canteen's policy."""
    canteen = main_canteen(session)
    rows = session.scalars(select(StoredPolicy).order_by(StoredPolicy.effective_from.desc(), StoredPolicy.id.desc()))
    return [{"policy_id": p.policy_id, "version": p.version, "name": p.name,
             "effective_from": p.effective_from.isoformat(), "loaded_at": as_utc(p.loaded_at).isoformat(),
             "in_use": canteen is not None and canteen.policy_id == p.policy_id} for p in rows]


def load_policy_version(session: Session, text: str, source: str, use: bool, actor: Actor) -> StoredPolicy:
    """Store a policy version and, if asked, make its policy the canteen's (the page, the API and the CLI)."""
    stored = store_policy(session, text, source, actor)
    canteen = main_canteen(session)
    if use and canteen is not None and canteen.policy_id != stored.policy_id:
        audit(session, actor, "policy.in_use", "canteen", canteen.id, before={"policy_id": canteen.policy_id},
              after={"policy_id": stored.policy_id})
        canteen.policy_id = stored.policy_id
    return stored


def load_version(db: Database, text: str, use: bool, actor: Actor) -> dict:
    """Store a policy version uploaded by staff and, if asked, make its policy the canteen's."""
    with db.unit_of_work() as session:
        stored = load_policy_version(session, text, "<upload>", use, actor)
        return {"policy_id": stored.policy_id, "version": stored.version,
                "effective_from": stored.effective_from.isoformat()}
