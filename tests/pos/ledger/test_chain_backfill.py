"""The upgrade that starts the chain links everything already written: ledger transactions in id order, each sale's
service record after its transaction, a void after the transaction that made it; the result verifies."""
from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

from pos import schema
from pos.db import make_engine
from pos.ledger import chain_hash as ch
from pos.ledger.chain_verify import verify_chain
from tests.database import set_up_canteen

BEFORE = "f7b3d9e1a5c2"  # the revision before the chain


def test_the_upgrade_chains_every_earlier_transaction_record_and_void(empty_database_url):
    engine = make_engine(empty_database_url)
    schema.upgrade(engine, BEFORE)
    set_up_canteen(engine)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO ledger_account (id, code, kind, balance_fen) VALUES "
                          "(1, 'cash', 'cash', 0), (2, 'meal_revenue', 'meal_revenue', 0)"))
        conn.execute(text("INSERT INTO ledger_transaction (id, kind, memo, created_at) VALUES "
                          "(1, 'sale', '', '2026-11-20 04:00:00'), (2, 'sale', '', '2026-11-20 04:10:00'), "
                          "(3, 'void', '', '2026-11-20 05:00:00')"))
        conn.execute(text("INSERT INTO ledger_entry (transaction_id, account_id, amount_fen) VALUES "
                          "(1, 1, 1200), (1, 2, -1200), (2, 1, 800), (2, 2, -800), (3, 1, -800), (3, 2, 800)"))
        for sale_id in (1, 2):
            conn.execute(text(
                "INSERT INTO sale (id, canteen_id, business_date, seq, receipt_no, sold_at, meal_period, channel, "
                "credential_kind, credential_ref, total_fen, subsidy_fen, paid_fen, payment_method, transaction_id) "
                "VALUES (:id, (SELECT min(id) FROM canteen), '2026-11-20', :id, :no, '2026-11-20 04:00:00', 'lunch', "
                "'dine_in', 'walk_in', '', 1200, 0, 1200, 'cash', :id)"), {"id": sale_id, "no": f"R{sale_id}"})
            conn.execute(text(
                "INSERT INTO service_record (id, canteen_id, sale_id, day, meal_period, channel, identified, "
                "categories, served_at, voided_at) VALUES (:id, (SELECT min(id) FROM canteen), :sale, '2026-11-20', "
                "'lunch', 'dine_in', 'walk_in', '[]', '2026-11-20 04:00:00', :voided)"),
                {"id": 10 + sale_id, "sale": sale_id, "voided": "2026-11-20 05:00:00" if sale_id == 2 else None})
        conn.execute(text("INSERT INTO sale_void (sale_id, reason, voided_at, transaction_id) "
                          "VALUES (2, 'keyed twice', '2026-11-20 05:00:00', 3)"))
    schema.upgrade(engine)
    with Session(engine) as session:
        links = session.execute(text("SELECT kind, record_id, content_hash, created_at FROM chain_link "
                                     "ORDER BY seq")).all()
        report = verify_chain(session)
    engine.dispose()
    assert [(kind, record) for kind, record, *_ in links] == [
        ("ledger_transaction", 1), ("service_record", 11), ("ledger_transaction", 2), ("service_record", 12),
        ("ledger_transaction", 3), ("service_void", 12)]
    assert links[0][2] == ch.sha256('{"created_at":"2026-11-20T04:00:00.000000+00:00","entries":[[1,1200],'
                                    '[2,-1200]],"kind":"sale","memo":""}')
    assert links[1][2] == ch.sha256(
        '{"canteen_id":1,"categories":[],"channel":"dine_in","day":"2026-11-20","identified":"walk_in",'
        '"meal_period":"lunch","sale_id":1,"served_at":"2026-11-20T04:00:00.000000+00:00"}')
    assert links[5][2] == ch.sha256('{"voided_at":"2026-11-20T05:00:00.000000+00:00"}')
    assert [ch.moment_text(at) for *_, at in links][-2:] == ["2026-11-20T05:00:00.000000+00:00"] * 2
    assert report.ok and report.findings == [] and report.checked == {
        "links": 6, "ledger transactions": 3, "service records": 2, "voids": 1}
