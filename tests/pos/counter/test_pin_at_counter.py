"""A resident without card at the counter types their PIN: right, the sale is identified by it; wrong, nothing is
settled and the tries count, for the resident and for the counter."""
from __future__ import annotations

from sqlalchemy import select

from pos.audit.models import AuditEntry
from pos.residents.models import Resident
from pos.sales.models import Sale
from pos.servicerecords.models import ServiceRecord
from pos.signins.secrets import hash_secret
from tests.pos.counter.test_identity import sale_body


def resident_with_pin(make, database, pin: str | None = "2468") -> int:
    resident = make.resident(name="张桂兰", balance_fen=5000)  # 76 years old: 2 yuan off lunch (demo policy)
    if pin:
        with database.unit_of_work() as session:
            session.get_one(Resident, resident).pin_hash = hash_secret(pin)
    return resident


def test_the_right_pin_settles_and_the_sale_is_identified_by_it(api, make, database):
    resident = resident_with_pin(make, database)
    dish = make.dish(price_fen=1200)
    typed = api.post("/api/v1/credentials/pin-check", {"resident_id": resident, "pin": "2468"})
    assert typed.status_code == 200, typed.get_json()
    panel = typed.get_json()
    assert (panel["credential_kind"], panel["resident"]["name"]) == ("pin", "张桂兰")
    sale = api.post("/api/v1/sales", sale_body({"presentation": panel["presentation"]}, dish, "pin-check-0001"))
    assert (sale.status_code, sale.get_json()["paid_fen"]) == (201, 1000)
    with database.reader() as session:
        stored = session.scalars(select(Sale)).one()
        record = session.scalars(select(ServiceRecord)).one()
        assert (stored.credential_kind, record.identified) == ("pin", "pin")
        [entry] = session.scalars(select(AuditEntry).where(AuditEntry.action == "resident.pin_typed")).all()
        assert (entry.subject_id, entry.after) == (str(resident), {"credential_kind": "pin"})


def test_a_wrong_pin_or_none_set_is_refused_alike_and_five_wrong_pause_the_resident(api, make, database):
    resident = resident_with_pin(make, database)
    without = resident_with_pin(make, database, pin=None)
    refused = api.post("/api/v1/credentials/pin-check", {"resident_id": without, "pin": "2468"})
    assert (refused.status_code, refused.get_json()["error"]["code"]) == (403, "pin_wrong")
    answers = [api.post("/api/v1/credentials/pin-check", {"resident_id": resident, "pin": pin}).status_code
               for pin in ("1111", "2222", "3333", "4444", "5555", "2468")]
    assert answers == [403, 403, 403, 403, 403, 429]  # the right PIN too, once paused
    with database.reader() as session:
        assert session.scalars(select(AuditEntry).where(AuditEntry.action == "resident.pin_typed")).all() == []


def test_a_pin_that_is_not_digits_is_refused_without_telling_more(api, make, database):
    resident = resident_with_pin(make, database)
    answer = api.post("/api/v1/credentials/pin-check", {"resident_id": resident, "pin": "24 68"})
    assert (answer.status_code, answer.get_json()["error"]["code"]) == (403, "pin_wrong")
