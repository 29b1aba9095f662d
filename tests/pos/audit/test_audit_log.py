"""The audit log: one row per change, in the change's transaction, that nobody can edit; grants keep history."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import delete, select, text, update

from pos import schema
from pos.audit import AuditEntry
from pos.db import make_engine
from pos.residents.id_number import make_id_number
from pos.residents.models import Resident, ResidentCategory


def entries(database, subject: str | None = None) -> list[AuditEntry]:
    with database.unit_of_work() as session:
        query = select(AuditEntry).order_by(AuditEntry.id)
        return list(session.scalars(query.where(AuditEntry.subject == subject) if subject else query))


def test_a_top_up_writes_one_row_naming_who_where_and_the_money(api, make, database):
    resident = make.resident(balance_fen=500)
    before = len(entries(database))
    answer = api.post(f"/api/v1/residents/{resident}/topups", {"amount_fen": 2000, "method": "wechat",
                                                            "reference": "WX-AUDIT-1", "idempotency_key": "audit-top-up-1"}).get_json()
    api.post(f"/api/v1/residents/{resident}/topups", {"amount_fen": 2000, "method": "wechat",
                                                      "reference": "WX-AUDIT-1", "idempotency_key": "audit-top-up-1"})  # a retry: no new row
    refused = api.post(f"/api/v1/residents/{resident}/topups", {"amount_fen": 2000, "method": "gold",
                                                                "idempotency_key": "audit-top-up-2"})
    assert refused.status_code == 422
    rows = entries(database)[before:]
    assert [(r.action, r.subject, r.subject_id) for r in rows] == [("wallet.top_up", "resident", str(resident))]
    row = rows[0]
    assert (row.staff_id is not None, row.terminal_id is not None, row.transaction_id) == (
        True, True, answer["transaction_id"])
    assert row.after == {"amount_fen": 2000, "method": "wechat", "reference": "WX-AUDIT-1", "top_up_id": answer["top_up_id"],
                         "balance_fen": 2500}


def test_a_sale_and_its_void_are_in_the_log(api, manager_api, make, database):
    resident = make.resident(born=date(1960, 5, 5), balance_fen=5000)
    sale = api.post("/api/v1/sales", {"idempotency_key": "audit-sale-1", "credential": {"card_uid": make.card(resident)},
                                      "items": [{"dish_id": make.dish(price_fen=900), "qty": 1}],
                                      "meal_period": "lunch"}).get_json()
    manager_api.post(f"/api/v1/sales/{sale['sale_id']}/void", {"reason": "按错了"})
    rows = entries(database, "sale")
    assert [(r.action, r.note) for r in rows] == [("sale.settled", ""), ("sale.voided", "按错了")]
    assert rows[0].after == {"receipt_no": sale["receipt_no"], "resident_id": resident, "total_fen": 900,
                             "subsidy_fen": 0, "paid_fen": 900, "payment_method": "wallet"}


def test_the_database_refuses_to_edit_or_delete_an_audit_row(make, database):
    make.resident()
    for change in (update(AuditEntry).values(note="rewritten"), delete(AuditEntry)):
        with pytest.raises(Exception) as refused:  # each driver words it its own way
            with database.unit_of_work() as session:
                session.execute(change)
        assert "append-only" in str(refused.value)
    assert [r.note for r in entries(database)] == [""]


def test_a_changed_category_is_revoked_and_kept_not_deleted(manager_api, make, database):
    resident = manager_api.post("/api/v1/residents", {
        "name": "王淑珍", "id_number": make_id_number("141002", date(1948, 3, 8), 321),
        "categories": [{"code": "dibao", "valid_from": "2026-01-01"}]}).get_json()["id"]
    with database.unit_of_work() as session:
        from pos.residents.records import CategoryGrantIn, ResidentIn, update_resident

        person = session.get(Resident, resident)
        update_resident(session, person, ResidentIn(person.name, person.id_number, categories=(
            CategoryGrantIn("dibao", date(2026, 1, 1)), CategoryGrantIn("tekun", date(2026, 6, 1)))))
        update_resident(session, person, ResidentIn(person.name, person.id_number, categories=(
            CategoryGrantIn("tekun", date(2026, 6, 1)),)))
        grants = session.scalars(select(ResidentCategory).order_by(ResidentCategory.id)).all()
        assert [(g.category_code, g.revoked_at is not None) for g in grants] == [("dibao", True), ("tekun", False)]
        assert [c.category_code for c in person.categories] == ["tekun"]
    shown = manager_api.get(f"/api/v1/residents/{resident}").get_json()
    assert [c["code"] for c in shown["categories"]] == ["tekun"]
    changes = [(r.action, r.before, r.after) for r in entries(database, "resident")]
    assert changes == [
        ("resident.registered", None, changes[0][2]),
        ("resident.changed", {"categories": [["dibao", "2026-01-01", None]]},
         {"categories": [["dibao", "2026-01-01", None], ["tekun", "2026-06-01", None]]}),
        ("resident.changed", {"categories": [["dibao", "2026-01-01", None], ["tekun", "2026-06-01", None]]},
         {"categories": [["tekun", "2026-06-01", None]]})]
    assert changes[0][2]["categories"] == [["dibao", "2026-01-01", None]]


def test_card_history_moves_into_the_log_on_upgrade(empty_database_url):
    engine = make_engine(empty_database_url)
    schema.upgrade(engine, "3d7a5e9c1f20")  # before the audit log
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO resident (id, name, id_number, birth_date, sex, phone, address, province, city, "
                          "district, street, community, status, qr_last_step, qr_static_issue, pin_failures, "
                          "created_at) VALUES (1, '张桂兰', '141002195003150017', '1950-03-15', 'M', '', '', '', '', "
                          "'', '', '', 'active', 0, 1, 0, CURRENT_TIMESTAMP)"))
        conn.execute(text("INSERT INTO card (id, uid, resident_id, status, deposit_fen, issued_at) "
                          "VALUES (7, '04A1B2C3', 1, 'blocked', 0, CURRENT_TIMESTAMP)"))
        conn.execute(text("INSERT INTO card_event (card_id, kind, note, by_resident, at) VALUES "
                          "(7, 'issued', '', false, CURRENT_TIMESTAMP), (7, 'reported_lost', '', true, CURRENT_TIMESTAMP)"))
        conn.execute(text("INSERT INTO resident_category (resident_id, category_code, proof_note) "
                          "VALUES (1, 'dibao', '低保证')"))
    schema.upgrade(engine)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT action, subject, subject_id, resident_id FROM audit_entry ORDER BY id")).all()
        assert [tuple(r) for r in rows] == [("card.issued", "card", "7", None), ("card.reported_lost", "card", "7", 1)]
        assert conn.execute(text("SELECT category_code, revoked_at FROM resident_category")).one() == ("dibao", None)
    engine.dispose()
