"""Helpers for the reader tests: a terminal's id, a stream ticket, a stream opened like the counter opens it."""
from __future__ import annotations

from pos.terminals.services import terminal_for_token
from tests.pos.reader.sse import EventReader


def terminal_id(database, token: str) -> int:
    """The id of the terminal holding `token`."""
    with database.unit_of_work() as session:
        terminal = terminal_for_token(session, token)
        assert terminal is not None
        return terminal.id


def ticket(client, token: str) -> str:
    """A stream ticket, asked for as every API call is made: the token in the Authorization header."""
    response = client.post("/api/v1/reader/ticket", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 201, response.get_json()
    return response.get_json()["ticket"]


def open_stream(client, token: str):
    """A new ticket, then the stream it opens, read on its own thread."""
    response = client.get(f"/api/v1/reader/events?ticket={ticket(client, token)}", buffered=False)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response, EventReader(response.response)
