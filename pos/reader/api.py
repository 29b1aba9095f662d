"""GET /api/v1/reader/events (Server-Sent Events) and /api/v1/reader/status."""
from __future__ import annotations

from flask import Flask, Response, current_app, jsonify, request

from pos.access import public, terminal_only
from pos.api.blueprint import TerminalUnauthorized, api_blueprint
from pos.db import read_session
from pos.reader.hub import ReaderHub
from pos.reader.stream import EventStream
from pos.terminals.services import terminal_for_token

bp = api_blueprint("reader_api", __name__)


def hub() -> ReaderHub:
    """The app's reader hub."""
    return current_app.extensions["canteen_reader"]


def init_app(app: Flask, reader_hub: ReaderHub | None = None) -> None:
    """Attach a hub: the given one (tests pass one on a FakePcsc), else one from the config.

    The watcher starts on the first subscriber, never at import; under TESTING
    the configured hub stays off so tests never touch a real pcscd unless asked.
    """
    config = app.extensions["canteen_config"]
    app.extensions["canteen_reader"] = reader_hub or ReaderHub(config.reader == "auto" and not config.testing,
                                                               max_streams=config.reader_streams)


def _terminal_token() -> str:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else request.args.get("token", "")


@bp.get("/reader/events")
@public  # EventSource cannot send headers, so this view checks the token itself, from the header or ?token=
def reader_events():
    """Reader and card events as Server-Sent Events, starting with the reader status."""
    if terminal_for_token(read_session(), _terminal_token()) is None:
        raise TerminalUnauthorized(
            "this terminal is not registered; ask an admin for its token (canteen terminals add)")
    the_hub = hub()
    subscription = the_hub.subscribe()
    disconnected = request.environ.get("waitress.client_disconnected") or (lambda: False)
    return Response(EventStream(the_hub, subscription, disconnected), mimetype="text/event-stream",
                    headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})


@bp.get("/reader/status")
@terminal_only
def reader_status():
    """Which readers are known, online or not, and whether pcscd answers."""
    the_hub = hub()
    the_hub.start()
    return jsonify(the_hub.status())
