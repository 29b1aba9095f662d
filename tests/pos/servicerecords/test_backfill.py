"""The sales recorded before service records get theirs when the database is upgraded: categories and age band of
the sale's day, and the void kept."""
from __future__ import annotations

import json

from sqlalchemy import text

from pos import schema
from pos.db import make_engine
from tests.database import set_up_canteen

BEFORE = "d4a7f2c9e1b6"  # the revision before service records


def test_the_upgrade_writes_a_record_for_every_earlier_sale(empty_database_url):
    engine = make_engine(empty_database_url)
    schema.upgrade(engine, BEFORE)
    set_up_canteen(engine)
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO resident (id, name, id_number, birth_date, sex, phone, address, province, city, district, "
            "street, community, status, qr_last_step, qr_static_issue, created_at) VALUES (1, '李明德', "
            "'141002194802010013', '1948-02-01', 'M', '', '', '', '', '', '', '', 'active', 0, 1, CURRENT_TIMESTAMP)"))
        conn.execute(text(  # 低保 from March on; a grant withdrawn since is left out
            "INSERT INTO resident_category (resident_id, category_code, valid_from, valid_to, proof_note, recorded_at, "
            "revoked_at) VALUES (1, 'dibao', '2026-03-01', NULL, '', CURRENT_TIMESTAMP, NULL), "
            "(1, 'tekun', '2026-01-01', NULL, '', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"))
        conn.execute(text("INSERT INTO ledger_transaction (id, kind, memo, created_at) VALUES "
                          "(1, 'sale', '', CURRENT_TIMESTAMP), (2, 'sale', '', CURRENT_TIMESTAMP), "
                          "(3, 'sale', '', CURRENT_TIMESTAMP), (4, 'void', '', CURRENT_TIMESTAMP)"))
        for sale_id, day, resident, kind in ((1, "2026-02-10", 1, "card"), (2, "2026-03-10", 1, "card"),
                                             (3, "2026-11-20", None, "walk_in")):
            conn.execute(text(
                "INSERT INTO sale (id, canteen_id, business_date, seq, receipt_no, sold_at, meal_period, channel, "
                "resident_id, credential_kind, credential_ref, total_fen, subsidy_fen, paid_fen, payment_method, "
                "transaction_id) VALUES (:id, (SELECT min(id) FROM canteen), :day, :id, :no, :at, 'lunch', "
                "'dine_in', :resident, :kind, '', 1200, 0, 1200, 'wallet', :id)"),
                {"id": sale_id, "day": day, "no": f"R{sale_id}", "at": f"{day} 04:00:00", "resident": resident,
                 "kind": kind})
        conn.execute(text("INSERT INTO sale_void (sale_id, reason, voided_at, transaction_id) "
                          "VALUES (3, 'keyed twice', '2026-11-20 05:00:00', 4)"))
    schema.upgrade(engine)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT sale_id, resident_id, identified, categories, age_band, "
                                 "voided_at IS NOT NULL FROM service_record ORDER BY sale_id")).all()
    engine.dispose()
    as_list = [(sale, resident, kind, json.loads(codes) if isinstance(codes, str) else codes, band, bool(voided))
               for sale, resident, kind, codes, band, voided in rows]
    assert as_list == [(1, 1, "card", [], "70_79", False),  # February: 低保 not yet, 特困 withdrawn
                       (2, 1, "card", ["dibao"], "70_79", False),
                       (3, None, "walk_in", [], None, True)]
