"""A month is streamed in batches (a real one holds ~1.2 M records): tiny batches give the same bytes, the merge of
records and subsidy lines holds across batch edges, and the month's counts equal a direct count of the records."""
from __future__ import annotations

import json
from types import GeneratorType

from sqlalchemy import distinct, func, select

from pos.feed import rows
from pos.feed.identity import id_number_writer
from pos.feed.periods import month_period
from pos.feed.services import export_feed
from pos.servicerecords.models import ServiceRecord
from tests.pos.feed.conftest import AFTER
from tests.support.selling import NEXT_DAY, Till, local


def test_batches_of_two_make_the_same_month(app, make, planted, database, settings, tmp_path, monkeypatch):
    till = Till.open(app, make, "counter-2", "李收银")
    pork = make.dish("红烧肉", 1200)
    for hour in (11, 12):  # more of 张桂兰's and 王秀英's meals the next day, across batch edges
        till.sell(local(NEXT_DAY, hour), {"card_uid": "04A1B2C3"}, (pork, 1))
    till.sell(local(NEXT_DAY, 17), {"card_uid": "04A1B2C5"}, (pork, 1), period="dinner")
    whole = export_feed(database, settings, month_period("2026-11"), "jsonl", tmp_path / "whole", AFTER)
    monkeypatch.setattr(rows, "BATCH", 2)
    batched = export_feed(database, settings, month_period("2026-11"), "jsonl", tmp_path / "batched", AFTER)
    assert [f.path.read_bytes() for f in batched] == [f.path.read_bytes() for f in whole]
    records = [json.loads(text) for text in whole[0].path.read_text().splitlines()]
    assert [(r["day"], r["subsidy_by_funder"]) for r in records] == [
        ("2026-11-20", {"district": 200}), ("2026-11-20", {"district": 300, "street": 200}), ("2026-11-20", {}),
        ("2026-11-20", {"district": 300, "street": 200}), ("2026-11-20", {"district": 200}),
        ("2026-11-21", {"district": 200}), ("2026-11-21", {}),  # a second lunch: one subsidy per meal period
        ("2026-11-21", {"district": 300, "street": 200})]


def test_the_records_are_read_as_they_are_written(planted, database):
    with database.reader() as session:
        scope = rows.Scope(1, "main", month_period("2026-11"))
        assert isinstance(rows.service_records(session, scope, id_number_writer("none", "")), GeneratorType)


def test_the_counts_equal_a_direct_count_of_the_records(planted, database):
    with database.reader() as session:
        everything = rows.totals(session, rows.Scope(1, "main", month_period("2026-11")))[0]
        valid = ServiceRecord.voided_at.is_(None)
        meals, persons = session.execute(select(func.count(), func.count(distinct(ServiceRecord.resident_id)))
                                         .where(valid)).one()
        pairs = {(r, d) for r, d in session.execute(select(ServiceRecord.resident_id, ServiceRecord.day).where(
            valid, ServiceRecord.resident_id.is_not(None)))}
    assert (everything["meals"], everything["persons"], everything["diner_days"]) == (meals, persons, len(pairs))
