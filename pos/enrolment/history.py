"""A resident's history: their audit log rows, newest first, paged in SQL, numbers masked as the viewer sees them."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from menu import Allergen
from pos.audit import AuditEntry
from pos.auth.models import User
from pos.enrolment.editing import MASKED_FIELDS, RECORDED
from pos.residents.diet import DietaryNeed
from pos.residents.masks import mask_number
from pos.residents.models import SubsidyCategory
from pos.wallets.models import topup_number
from vocabulary import PaymentMethod, format_yuan

PER_PAGE = 20


@dataclass(frozen=True)
class Change:
    """One step: when, by whom, what, and each detail before and after, as text."""

    at: datetime
    who: str
    action: str
    fields: list[tuple[str, str, str]]  # (detail, before, after)


def resident_history(session: Session, resident_id: int, in_full: bool, english: bool,
                     page: int = 1) -> tuple[list[Change], int]:
    """A page of the resident's audit rows (newest first) and how many there are."""
    where = (AuditEntry.subject == "resident", AuditEntry.subject_id == str(resident_id))
    total = session.scalar(select(func.count()).select_from(AuditEntry).where(*where)) or 0
    rows = session.execute(select(AuditEntry, User.display_name).outerjoin(User, User.id == AuditEntry.staff_id)
                           .where(*where).order_by(AuditEntry.id.desc())
                           .limit(PER_PAGE).offset((max(1, page) - 1) * PER_PAGE))
    names = {code: (en if english else zh) for code, zh, en in
             session.execute(select(SubsidyCategory.code, SubsidyCategory.name_zh, SubsidyCategory.name_en))}
    shown = []
    for entry, who in rows:
        before, after = entry.before or {}, entry.after or {}
        keys = [key for key in {**before, **after} if before.get(key) != after.get(key)] if isinstance(
            before, dict) and isinstance(after, dict) else []
        texts = [(key, _text(key, before.get(key), in_full, names, english),
                  _text(key, after.get(key), in_full, names, english))
                 for key in keys]
        shown.append(Change(entry.at, who or "", entry.action, [t for t in texts if t[1] or t[2]]))
    return shown, total


def _text(key: str, value: object, in_full: bool, names: dict[str, str], english: bool) -> str:
    """A detail's value as the viewer may read it."""
    if value is None or value == "" or value == []:
        return ""
    if key in MASKED_FIELDS and not in_full:
        return mask_number(str(value)) if key.endswith("phone") else RECORDED
    if key == "categories" and isinstance(value, list):
        return "; ".join(f"{names.get(code, code)} {start or ''}–{end or ''}" for code, start, end in value)
    if key in ("diet", "allergens") and isinstance(value, list):
        kind = DietaryNeed if key == "diet" else Allergen
        return ", ".join(kind(v).label("en" if english else "zh_CN") if v in kind._value2member_map_ else str(v)
                         for v in value)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return _wallet_text(key, value, english)


def _wallet_text(key: str, value: object, english: bool) -> str:
    """A wallet detail (top-up, refund) in yuan and words: never fen or a stored code."""
    if key.endswith("_fen") and isinstance(value, int) and not isinstance(value, bool):
        return format_yuan(value)
    if key == "method" and isinstance(value, str) and value in PaymentMethod._value2member_map_:
        return PaymentMethod(value).label("en" if english else "zh_CN")
    if key == "top_up_id" and isinstance(value, int):
        return topup_number(value)
    return str(value)
