"""A resident's emergency contact and dietary needs: checked, stored in the list's order, in the audit log."""
from __future__ import annotations

import pytest

from pos.audit import history
from pos.errors import InvalidInput
from pos.residents.models import Resident
from pos.residents.records import ResidentIn, register_resident, update_resident

ID_NUMBER = "14100219480101000X"


def zhang(**changes) -> ResidentIn:
    return ResidentIn(**({"name": "张桂兰", "id_number": ID_NUMBER} | changes))


def test_needs_and_contact_are_stored_and_their_change_audited(database):
    with database.unit_of_work() as session:
        resident = register_resident(session, zhang(diet=("soft", "diabetic"), allergens=("milk", "peanut"),
                                                    emergency_name="王建国", emergency_phone="13800001111"))
        resident_id = resident.id
        update_resident(session, resident, zhang(diet=("diabetic", "low_salt"), allergens=("peanut",),
                                                 emergency_name="王建国", emergency_phone="13800001111"))
    with database.reader() as session:
        stored = session.get(Resident, resident_id)
        assert (stored.diet, stored.allergens) == (["diabetic", "low_salt"], ["peanut"])
        assert (stored.emergency_name, stored.emergency_phone) == ("王建国", "13800001111")
        changed = history(session, "resident", resident_id)[-1]
        assert (changed.action, changed.before, changed.after) == (
            "resident.changed", {"diet": ["diabetic", "soft"], "allergens": ["peanut", "milk"]},
            {"diet": ["diabetic", "low_salt"], "allergens": ["peanut"]})


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"diet": ("gluten_free",)}, "diet", "unknown value %(value)s"),
    ({"allergens": ("peanut", "chocolate")}, "allergens", "unknown value %(value)s"),
    ({"emergency_phone": "1" * 21}, "emergency_phone", "must be text of at most %(n)s characters"),
    ({"emergency_name": "王\x00"}, "emergency_name", "must not contain control characters")])
def test_a_wrong_need_or_contact_is_refused_by_its_field_and_nothing_is_stored(database, changes, field, message):
    with pytest.raises(InvalidInput) as refused, database.unit_of_work() as session:
        register_resident(session, zhang(**changes))
    assert (refused.value.field, refused.value.message) == (field, message)
    with database.reader() as session:
        assert session.query(Resident).count() == 0
