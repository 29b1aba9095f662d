"""The hash chain: every ledger transaction, service record and void is a link, appended with its sale; the
verify recomputes it and names the first record an administrator changed behind the app's back."""
from __future__ import annotations

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from pos.clock import local_date, utc_now
from pos.integrity.verify import verify_ledger
from pos.ledger.chain_backfill import chain_existing
from pos.ledger.chain_verify import verify_chain
from pos.ledger.models import ChainLink, LedgerEntry
from pos.sales.models import Sale
from pos.sales.services import void_by
from pos.servicerecords.models import ServiceRecord
from pos.statements import services as statements
from tests.support.selling import DAY, a_day_of_sales, local

SALE = ["ledger_transaction", "service_record"]


def links(database) -> list[tuple[str, int]]:
    with database.reader() as session:
        return [(link.kind, link.record_id) for link in session.scalars(select(ChainLink).order_by(ChainLink.seq))]


def findings(database) -> list[str]:
    with database.reader() as session:
        return verify_chain(session).findings


@pytest.fixture
def drop_protection(database):
    """What whoever owns the database can do: drop the triggers that keep rows append-only. (PostgreSQL's test
    schema outlives the test: they are put back after it.)"""
    dropped: list[str] = []

    def drop(*tables: str) -> None:
        with database.engine.begin() as conn:
            for table in tables:
                if database.is_sqlite:
                    conn.execute(text(f"DROP TRIGGER {table}_no_update"))
                    conn.execute(text(f"DROP TRIGGER {table}_no_delete"))
                else:
                    conn.execute(text(f"DROP TRIGGER {table}_append_only ON {table}"))
                    dropped.append(table)

    yield drop
    with database.engine.begin() as conn:
        for table in dropped:
            conn.execute(text(f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                              "FOR EACH ROW EXECUTE FUNCTION canteen_append_only()"))


def tamper(database, sql: str, **params) -> None:
    with database.engine.begin() as conn:
        conn.execute(text(sql), params)


def link_of(database, kind: str, record_id: int) -> int:
    with database.reader() as session:
        return session.scalar(select(ChainLink.seq).where(ChainLink.kind == kind, ChainLink.record_id == record_id))


@pytest.fixture
def day(app, make, database):
    """A day of sales (two top-ups, five sales), the second sale voided."""
    day = a_day_of_sales(app, make)
    void_by(database, day.sales[1]["sale_id"], "wrong resident", make.user("经理", "manager"), local(DAY, 12, 30))
    return day


def test_top_ups_sales_and_a_void_are_chained_in_the_order_written(day, database):
    with database.reader() as session:
        sales = session.execute(select(Sale.id, Sale.transaction_id).order_by(Sale.id)).all()
        records = dict(session.execute(select(ServiceRecord.sale_id, ServiceRecord.id)).all())
    sale_links = [link for sale, txn in sales for link in (("ledger_transaction", txn),
                                                          ("service_record", records[sale]))]
    chained = links(database)
    assert [kind for kind, _ in chained[:2]] == ["ledger_transaction"] * 2  # the two residents' top-ups
    assert chained[2:12] == sale_links
    voided = records[day.sales[1]["sale_id"]]
    assert [kind for kind, _ in chained[12:]] == ["ledger_transaction", "service_void"]
    assert chained[13] == ("service_void", voided)
    assert findings(database) == []
    with database.reader() as session:
        result = verify_ledger(session, chain=True)
    assert result.ok and result.checked["chain: links"] == 14
    assert result.checked["chain: service records"] == 5 and result.checked["chain: ledger transactions"] == 8


def test_each_link_names_the_one_before_and_the_links_refuse_changes(day, database):
    with database.reader() as session:
        chain = session.scalars(select(ChainLink).order_by(ChainLink.seq)).all()
    assert [link.seq for link in chain] == list(range(1, 15))
    assert chain[0].prev_hash == "0" * 64
    assert all(b.prev_hash == a.hash for a, b in zip(chain, chain[1:]))
    for statement in ("UPDATE chain_link SET content_hash = 'x' WHERE seq = 3", "DELETE FROM chain_link WHERE seq = 3"):
        with pytest.raises(DBAPIError, match="chain_link is append-only"):
            tamper(database, statement)


def test_an_entry_amount_edited_directly_is_named(day, database, drop_protection):
    drop_protection("ledger_entry")
    with database.reader() as session:
        txn = session.scalar(select(Sale.transaction_id).where(Sale.id == day.sales[2]["sale_id"]))
        entry = session.scalar(select(LedgerEntry.id).where(LedgerEntry.transaction_id == txn).order_by(LedgerEntry.id))
    tamper(database, "UPDATE ledger_entry SET amount_fen = amount_fen - 100 WHERE id = :id", id=entry)
    seq = link_of(database, "ledger_transaction", txn)
    assert findings(database) == [f"ledger transaction {txn}: content differs from link {seq}"]


def test_a_channel_edited_directly_is_named_first_of_two_edits(day, database):
    with database.reader() as session:
        rows = session.execute(select(ServiceRecord.id, ServiceRecord.sale_id).order_by(ServiceRecord.id)).all()
    (first, first_sale), (last, last_sale) = rows[0], rows[-1]
    tamper(database, "UPDATE service_record SET channel = 'delivery' WHERE id IN (:a, :b)", a=first, b=last)
    a, b = link_of(database, "service_record", first), link_of(database, "service_record", last)
    assert findings(database) == [f"service record {first} (sale {first_sale}): content differs from link {a}",
                                  f"service record {last} (sale {last_sale}): content differs from link {b}"]


def test_a_void_undone_or_moved_is_named(day, database):
    voided = day.sales[1]["sale_id"]
    with database.reader() as session:
        record = session.scalar(select(ServiceRecord.id).where(ServiceRecord.sale_id == voided))
    void_link = link_of(database, "service_void", record)
    tamper(database, "UPDATE service_record SET voided_at = :at WHERE id = :id", at=local(DAY, 13), id=record)
    assert findings(database) == [f"service record {record} (sale {voided}): void differs from link {void_link}"]
    tamper(database, "UPDATE service_record SET voided_at = NULL WHERE id = :id", id=record)
    assert findings(database) == [
        f"service record {record} (sale {voided}): not void, but link {void_link} chains its void"]


def test_a_deleted_link_and_a_record_added_behind_the_apps_back_are_named(day, database, runner, drop_protection):
    drop_protection("chain_link")
    tamper(database, "DELETE FROM chain_link WHERE seq = 5")
    with database.reader() as session:
        txn = session.scalar(select(Sale.transaction_id).where(Sale.id == day.sales[1]["sale_id"]))
    assert link_of(database, "ledger_transaction", txn) is None  # link 5 was the second sale's transaction
    assert findings(database) == ["link 6 follows link 4: link 5 missing",
                                  f"ledger transaction {txn}: in no link"]
    result = runner.invoke(args=["ledger", "verify", "--chain"])
    assert result.exit_code == 1
    assert "VIOLATION chain: link 6 follows link 4: link 5 missing" in result.output


def test_a_deleted_record_is_named_at_its_link(day, database):
    walk_in = day.sales[2]["sale_id"]
    with database.reader() as session:
        record = session.scalar(select(ServiceRecord.id).where(ServiceRecord.sale_id == walk_in))
    tamper(database, "DELETE FROM service_record WHERE id = :id", id=record)
    seq = link_of(database, "service_record", record)
    assert findings(database) == [f"service record {record}: missing, chained by link {seq}"]


def test_verify_on_the_command_line_passes_and_prints_the_head(day, database, runner):
    result = runner.invoke(args=["ledger", "verify", "--chain"])
    assert result.exit_code == 0, result.output
    with database.reader() as session:
        head = session.scalar(select(ChainLink).order_by(ChainLink.seq.desc()).limit(1))
    assert f"chain head: link 14 hash {head.hash}" in result.output
    assert "checked 14 chain: links" in result.output


def test_the_daily_closing_prints_the_chain_hash_at_the_days_end(day, app, database):
    settings = app.extensions["canteen_config"]
    with database.reader() as session:
        head = session.scalar(select(ChainLink.hash).order_by(ChainLink.seq.desc()).limit(1))
        today = statements.closing_for(session, settings, local_date(utc_now(), "Asia/Shanghai"), "经理", utc_now())
        before = statements.closing_for(session, settings, DAY, "经理", utc_now())
    assert today.chain_hash == head
    assert before.chain_hash is None  # the links were all written today


def test_a_history_rewritten_and_chained_again_no_longer_holds_the_kept_hash(day, database, runner, drop_protection):
    with database.reader() as session:
        kept = session.scalar(select(ChainLink.hash).order_by(ChainLink.seq.desc()).limit(1))
    assert runner.invoke(args=["ledger", "verify", "--kept", kept]).exit_code == 0
    drop_protection("chain_link")
    with database.engine.begin() as conn:  # a channel changed, then every link computed again from scratch
        conn.execute(text("UPDATE service_record SET channel = 'delivery' WHERE sale_id = :s"),
                     {"s": day.sales[0]["sale_id"]})
        conn.execute(text("DELETE FROM chain_link"))
        chain_existing(conn)
    assert findings(database) == []  # consistent in itself again
    message = f"kept hash {kept}: no link has it (the chain was rewritten before it)"
    with database.reader() as session:
        assert verify_chain(session, [kept.upper()]).findings == [message]
    result = runner.invoke(args=["ledger", "verify", "--kept", kept])
    assert result.exit_code == 1 and f"VIOLATION chain: {message}" in result.output


def test_the_api_reports_the_chain_when_asked(day, manager_api, database):
    with database.reader() as session:
        head = session.scalar(select(ChainLink.hash).order_by(ChainLink.seq.desc()).limit(1))
    plain = manager_api.get("/api/v1/ledger/verify").get_json()
    assert plain["ok"] and "chain_head" not in plain and "chain: links" not in plain["checked"]
    chained = manager_api.get("/api/v1/ledger/verify?chain=1").get_json()
    assert chained["ok"] and chained["chain_head"] == {"seq": 14, "hash": head}
    assert chained["checked"]["chain: links"] == 14
