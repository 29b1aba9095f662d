"""Marking a finding explained: a note is required, the check must be one of the six, and a finding is explained
once; a refusal names its field and changes nothing."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest
from sqlalchemy import func, select

from pos.audit import Actor, AuditEntry
from pos.errors import Conflict, InvalidInput
from pos.fraud.models import FraudExplanation
from pos.fraud.services import explain

AT = datetime(2026, 11, 2, 9, 0, tzinfo=timezone.utc)


def counts(database) -> tuple[int, int]:
    with database.reader() as session:
        return (session.scalar(select(func.count()).select_from(FraudExplanation)),
                session.scalar(select(func.count()).select_from(AuditEntry).where(
                    AuditEntry.action == "fraud.explained")))


@pytest.mark.parametrize(("check", "key", "note", "field"), [
    ("closed_hours", "2026-10-09:lunch:s3", "  ", "note"),
    ("closed_hours", "2026-10-09:lunch:s3", "x" * 301, "note"),
    ("closed_hours", " ", "送餐", "key"),
    ("late_meals", "2026-10-09:lunch:s3", "送餐", "check"),
])
def test_a_refusal_names_the_field_and_changes_nothing(database, make, check, key, note, field):
    manager = make.user("经理", "manager")
    with pytest.raises(InvalidInput) as refused:
        explain(database, None, check, key, note, Actor(staff_id=manager.id), AT)
    assert refused.value.field == field and counts(database) == (0, 0)


def test_a_finding_is_explained_once(database, make):
    first, second = make.user("经理", "manager"), make.user("副经理", "manager")
    done = explain(database, None, "double_meal", "r7:2026-10-10:lunch", " 收银员重复刷卡，已作废一单 ",
                   Actor(staff_id=first.id), AT)
    assert (done.note, done.staff_name, done.at) == ("收银员重复刷卡，已作废一单", "经理", AT)
    with pytest.raises(Conflict) as refused:
        explain(database, None, "double_meal", "r7:2026-10-10:lunch", "again", Actor(staff_id=second.id), AT)
    assert refused.value.params == {"name": "经理", "note": "收银员重复刷卡，已作废一单"}
    assert counts(database) == (1, 1)
