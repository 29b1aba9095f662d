"""The chain's canonical text: the same hash whichever way a database hands a value back, NULLs left out so a
column added later leaves earlier hashes alone, and every column of a chained table covered."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from pos.ledger import chain_hash as ch
from pos.ledger.models import LedgerTransaction
from pos.servicerecords.models import ServiceRecord


def record_hash(row: dict) -> str:
    return ch.service_record_hash(ch.content_of(ch.SERVICE_RECORD_FIELDS, row))


RECORD = {"id": 7, "canteen_id": 1, "sale_id": 9, "resident_id": None, "day": date(2026, 11, 20),
          "meal_period": "lunch", "channel": "dine_in", "identified": "walk_in", "categories": [], "age_band": None,
          "terminal_id": 2, "staff_id": 3, "served_at": datetime(2026, 11, 20, 4, tzinfo=timezone.utc),
          "voided_at": None}


def test_sqlite_text_naive_and_aware_values_hash_alike():
    as_sqlite_text = {**RECORD, "day": "2026-11-20", "categories": "[]", "served_at": "2026-11-20 04:00:00.000000"}
    naive = {**RECORD, "served_at": datetime(2026, 11, 20, 4)}
    shanghai = {**RECORD, "served_at": datetime(2026, 11, 20, 12, tzinfo=timezone(timedelta(hours=8)))}
    assert len({record_hash(r) for r in (RECORD, as_sqlite_text, naive, shanghai)}) == 1
    assert ch.canonical(ch.content_of(ch.SERVICE_RECORD_FIELDS, RECORD)) == (
        '{"canteen_id":1,"categories":[],"channel":"dine_in","day":"2026-11-20","identified":"walk_in",'
        '"meal_period":"lunch","sale_id":9,"served_at":"2026-11-20T04:00:00.000000+00:00","staff_id":3,'
        '"terminal_id":2}')


def test_a_null_or_absent_column_is_left_out_and_a_void_does_not_change_the_record():
    assert record_hash({**RECORD, "proxy_name": None}) == record_hash(RECORD)
    assert record_hash({**RECORD, "voided_at": datetime(2026, 11, 20, 5)}) == record_hash(RECORD)
    assert record_hash({**RECORD, "channel": "delivery"}) != record_hash(RECORD)


def test_entries_in_order_are_part_of_a_transaction():
    txn = {"id": 1, "kind": "sale", "memo": "", "reverses_id": None, "created_by": None,
           "created_at": "2026-11-20 04:00:00"}
    content = ch.content_of(ch.TRANSACTION_FIELDS, txn)
    one = ch.transaction_hash(content, [(1, 1200), (2, -1200)])
    assert one == ch.sha256('{"created_at":"2026-11-20T04:00:00.000000+00:00","entries":[[1,1200],[2,-1200]],'
                            '"kind":"sale","memo":""}')
    assert one != ch.transaction_hash(content, [(1, 1100), (2, -1100)])
    assert one != ch.transaction_hash(content, [(2, -1200), (1, 1200)])


def test_every_column_of_a_chained_table_is_hashed():
    """A column added to a chained table must be added to its fields (left out while NULL, old hashes hold)."""
    assert {c.name for c in ServiceRecord.__table__.columns} - ch.NOT_CHAINED <= set(ch.SERVICE_RECORD_FIELDS)
    assert {c.name for c in LedgerTransaction.__table__.columns} - {"id"} == set(ch.TRANSACTION_FIELDS)


def test_links_follow_each_other_and_their_time_never_goes_back():
    early, late = datetime(2026, 11, 20, 4, tzinfo=timezone.utc), datetime(2026, 11, 20, 5, tzinfo=timezone.utc)
    links = list(ch.links_after(ch.START, [("ledger_transaction", 1, "a" * 64, late),
                                           ("service_record", 2, "b" * 64, early)]))
    assert [(link["seq"], link["created_at"]) for link in links] == [(1, late), (2, late)]
    assert links[0]["prev_hash"] == ch.GENESIS and links[1]["prev_hash"] == links[0]["hash"]
    assert links[1]["hash"] == ch.sha256(f"{links[0]['hash']}|service_record|2|{'b' * 64}")
