"""Stream tickets: issued for 30 s, spent once (also when two requests race), purged when expired."""
import threading
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select, update

from pos.clock import as_utc, utc_now
from pos.reader.models import StreamTicket
from pos.reader.tickets import StreamTicketRefused, issue_ticket, redeem_ticket
from pos.terminals.models import Terminal
from pos.terminals.services import hash_token
from tests.pos.reader.tickets import terminal_id

NOON = datetime(2026, 11, 30, 4, 0, tzinfo=timezone.utc)


@pytest.fixture
def counter(database, make) -> int:
    return terminal_id(database, make.terminal())


def issue(database, terminal: int, now: datetime) -> str:
    with database.unit_of_work() as session:
        return issue_ticket(session, terminal, now)[0]


def redeem(database, ticket: str, now: datetime) -> int:
    with database.unit_of_work() as session:
        return redeem_ticket(session, ticket, now)


def test_a_ticket_is_kept_as_a_hash_for_30_seconds(database, counter):
    with database.unit_of_work() as session:
        ticket, expires_at = issue_ticket(session, counter, NOON)
    assert expires_at == NOON + timedelta(seconds=30)
    with database.unit_of_work() as session:
        row = session.scalars(select(StreamTicket)).one()
        assert (row.ticket_hash, row.terminal_id, as_utc(row.expires_at), row.used_at) == (
            hash_token(ticket), counter, NOON + timedelta(seconds=30), None)


def test_a_ticket_is_spent_once(database, counter):
    ticket = issue(database, counter, NOON)
    assert redeem(database, ticket, NOON + timedelta(seconds=1)) == counter
    with pytest.raises(StreamTicketRefused):
        redeem(database, ticket, NOON + timedelta(seconds=2))
    with database.unit_of_work() as session:
        assert as_utc(session.scalars(select(StreamTicket.used_at)).one()) == NOON + timedelta(seconds=1)


def test_an_expired_or_unknown_ticket_is_refused(database, counter):
    ticket = issue(database, counter, NOON)
    with pytest.raises(StreamTicketRefused):
        redeem(database, ticket, NOON + timedelta(seconds=30))
    with pytest.raises(StreamTicketRefused):
        redeem(database, "made-up", NOON)
    assert redeem(database, ticket, NOON + timedelta(seconds=29)) == counter  # the refusals spent nothing


def test_a_ticket_of_a_terminal_since_switched_off_is_refused(database, counter):
    ticket = issue(database, counter, NOON)
    with database.unit_of_work() as session:
        session.execute(update(Terminal).where(Terminal.id == counter).values(active=False))
    with pytest.raises(StreamTicketRefused):
        redeem(database, ticket, NOON)


def test_issuing_a_ticket_deletes_the_expired(database, counter):
    issue(database, counter, NOON)
    spent = issue(database, counter, NOON + timedelta(seconds=10))
    redeem(database, spent, NOON + timedelta(seconds=11))
    issue(database, counter, NOON + timedelta(seconds=30))  # the first has just expired; the spent one not yet
    with database.unit_of_work() as session:
        assert session.scalar(select(func.count()).select_from(StreamTicket)) == 2
    with pytest.raises(StreamTicketRefused):
        redeem(database, spent, NOON + timedelta(seconds=31))


def test_two_requests_racing_with_one_ticket_get_one_stream(database, counter):
    ticket = issue(database, counter, utc_now())
    start, results = threading.Barrier(2), list[int | str]()

    def spend() -> None:
        start.wait()
        try:
            results.append(redeem(database, ticket, utc_now()))
        except StreamTicketRefused as exc:
            results.append(exc.code)

    threads = [threading.Thread(target=spend) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert sorted(results, key=str) == sorted([counter, "stream_ticket_refused"], key=str)


def test_an_expired_ticket_is_refused_by_the_stream(client, database, counter):
    ticket = issue(database, counter, utc_now() - timedelta(seconds=31))
    refused = client.get(f"/api/v1/reader/events?ticket={ticket}")
    assert (refused.status_code, refused.get_json()["error"]["code"]) == (401, "stream_ticket_refused")


def test_the_ticket_route_answers_with_the_ticket_and_its_expiry(client, database, make):
    token = make.terminal()
    before = utc_now()
    response = client.post("/api/v1/reader/ticket", headers={"Authorization": f"Bearer {token}"})
    after = utc_now()
    assert (response.status_code, sorted(response.get_json())) == (201, ["expires_at", "ticket"])
    expires_at = datetime.fromisoformat(response.get_json()["expires_at"])
    assert before + timedelta(seconds=30) <= expires_at <= after + timedelta(seconds=30)
    assert redeem(database, response.get_json()["ticket"], after) == terminal_id(database, token)
