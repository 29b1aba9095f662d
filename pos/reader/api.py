"""GET /api/v1/reader/events (Server-Sent Events), POST /api/v1/reader/ticket and GET /api/v1/reader/status."""
from __future__ import annotations

from flask import Flask, Response, current_app, g, jsonify, request
from flask_babel import gettext

from pos.access import public, terminal_only
from pos.api.blueprint import TerminalUnauthorized, api_blueprint
from pos.clock import utc_now
from pos.db import read_session, unit_of_work
from pos.errors import N_, error_response
from pos.reader.hub import ReaderHub, StreamsFull
from pos.reader.stream import EventStream
from pos.reader.tickets import StreamTicketRefused, issue_ticket, redeem_ticket
from pos.terminals.models import Terminal
from pos.terminals.services import reader_changed, revoked, terminal_by_id, terminal_for_token

bp = api_blueprint("reader_api", __name__)
STREAMS_RETRY_SECONDS = 15  # a closed tab's stream is noticed within a heartbeat


def hub() -> ReaderHub:
    """The app's reader hub."""
    return current_app.extensions["canteen_reader"]


def init_app(app: Flask, reader_hub: ReaderHub | None = None) -> None:
    """Attach a hub: the given one (tests pass one on a FakePcsc), else one from the config.

    The watcher starts on the first subscriber, never at import; under TESTING
    the configured hub stays off so tests never touch a real pcscd unless asked.
    """
    config = app.extensions["canteen_config"]
    app.extensions["canteen_reader"] = the_hub = reader_hub or ReaderHub(
        config.reader == "auto" and not config.testing, max_streams=config.reader_streams)
    revoked.connect(the_hub.end_streams_of)  # a revoked counter's open streams end too (weakly held: hubs come and go)
    reader_changed.connect(the_hub.end_streams_of)  # ... and one naming another reader reopens them, following it
    app.extensions["canteen_readers_seen"] = the_hub.reader_names  # offered on the terminals page


@bp.post("/reader/ticket")
@terminal_only
def reader_ticket():
    """A ticket that opens one event stream within 30 s: EventSource cannot send the token in a header."""
    with unit_of_work() as session:
        ticket, expires_at = issue_ticket(session, g.terminal.id, utc_now())
    return jsonify({"ticket": ticket, "expires_at": expires_at.isoformat()}), 201


@bp.get("/reader/events")
@public  # EventSource cannot send headers: this view checks a stream ticket (or a bearer header) itself
def reader_events():
    """The events of this terminal's own card reader as Server-Sent Events, starting with its status."""
    terminal = _stream_terminal()
    the_hub = hub()
    try:
        subscription = the_hub.subscribe(terminal.id, terminal.reader_name)
    except StreamsFull:
        return _streams_full()
    disconnected = request.environ.get("waitress.client_disconnected") or (lambda: False)
    return Response(EventStream(the_hub, subscription, disconnected), mimetype="text/event-stream",
                    headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})


def _stream_terminal() -> Terminal:
    """The terminal opening a stream: from its single-use ticket, or its bearer header; never a token in the URL."""
    if "token" in request.args:
        raise StreamTicketRefused(N_("a terminal token in a URL lands in proxy logs; ask for a stream ticket "
                                     "(POST /api/v1/reader/ticket) and open the stream with ?ticket="),
                                  code="token_in_url")
    if "ticket" in request.args:
        with unit_of_work() as session:
            terminal_id = redeem_ticket(session, request.args["ticket"], utc_now())
        return terminal_by_id(read_session(), terminal_id)
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer":
        raise StreamTicketRefused(N_("the stream needs a ticket: ask for one (POST /api/v1/reader/ticket) and open "
                                     "the stream with ?ticket="), code="stream_ticket_required")
    terminal = terminal_for_token(read_session(), token.strip())
    if terminal is None:
        raise TerminalUnauthorized(
            "this terminal is not registered; ask an admin for its token (canteen terminals add)")
    return terminal


def _streams_full():
    """503 with Retry-After: the slots are other counters' streams, and one of them may close soon."""
    response, status = error_response(503, "reader_streams_full", gettext(
        "Every card reader stream is taken by other counters; try again in a moment."))
    response.headers["Retry-After"] = str(STREAMS_RETRY_SECONDS)
    return response, status


@bp.get("/reader/status")
@terminal_only
def reader_status():
    """Whether this terminal's own card reader is online, and whether pcscd answers."""
    the_hub = hub()
    the_hub.start()
    return jsonify(the_hub.status(g.terminal.reader_name))
