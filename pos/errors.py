"""Errors a user can meet, and how each reaches them: a page or a JSON body.

Every refusal carries a stable ``code`` for programs and a message in the
request's language for people. Nothing here shows a traceback.
"""
from __future__ import annotations

import logging

from flask import Flask, jsonify, make_response, render_template, request
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as SqlTimeout
from werkzeug.exceptions import HTTPException

from pos.db import DatabaseBusy

log = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = 2


class CanteenError(Exception):
    """A refusal with a code, an HTTP status and a translatable message."""

    status = 400
    code = "bad_request"
    retry_after: int | None = None  # seconds, sent as Retry-After when set

    def __init__(self, message: str, *, code: str | None = None, field: str | None = None, **params: object):
        super().__init__(message % params if params else message)
        self.message = message
        self.params = params
        self.field = field
        if code:
            self.code = code

    def headers(self) -> dict[str, str]:
        """HTTP headers the refusal carries: Retry-After when the caller is to wait."""
        return {"Retry-After": str(self.retry_after)} if self.retry_after is not None else {}

    def reason(self) -> str:
        """The message in the request's language without the field's name, for a form showing it by the field."""
        return gettext(self.message, **self.params) if self.params else gettext(self.message)

    def localised(self) -> str:
        """The message in the request's language."""
        text = self.reason()
        return f"{self.field}: {text}" if self.field else text


def N_(text: str) -> str:
    """Mark a message for translation where it is defined; it is translated when shown."""
    return text


class Forbidden(CanteenError):
    status = 403
    code = "forbidden"


class InvalidInput(CanteenError):
    """Input that fails validation; `field` names what is wrong."""

    status = 422
    code = "invalid_input"


class NotFound(CanteenError):
    status = 404
    code = "not_found"


class Conflict(CanteenError):
    status = 409
    code = "conflict"


# Plain words for the HTTP errors people meet; the rest use Werkzeug's name.
HTTP_MESSAGES = {
    400: _l("The request could not be understood."),
    401: _l("Please sign in first."),
    403: _l("You are not allowed to do this."),
    404: _l("There is no such page."),
    405: _l("This action is not allowed here."),
    413: _l("The upload is too large."),
}


def wants_json() -> bool:
    """API paths and JSON clients get JSON errors; browsers get pages."""
    return request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json"


def error_response(status: int, code: str, message: str):
    """Render one error in the form the client expects."""
    if wants_json():
        return make_response(jsonify({"error": {"code": code, "message": message}})), status
    return make_response(render_template("error.html", status=status, message=message)), status


def init_app(app: Flask) -> None:
    """Register handlers for our errors, HTTP errors and anything unexpected."""

    @app.errorhandler(CanteenError)
    def on_canteen_error(exc: CanteenError):
        response, status = error_response(exc.status, exc.code, exc.localised())
        response.headers.update(exc.headers())
        return response, status

    @app.errorhandler(CSRFError)
    def on_csrf_error(_exc: CSRFError):
        return error_response(400, "form_expired", gettext("The form has expired; reload the page and try again."))

    @app.errorhandler(HTTPException)
    def on_http_error(exc: HTTPException):
        status = exc.code or 500
        code = (exc.name or "error").lower().replace(" ", "_")
        return error_response(status, code, str(HTTP_MESSAGES.get(status, exc.name or "Error")))

    @app.errorhandler(DatabaseBusy)
    @app.errorhandler(SqlTimeout)
    @app.errorhandler(OperationalError)
    def on_busy(exc: Exception):
        # No connection free in time, SQLite busy, PostgreSQL gone or a deadlock broken: the
        # transaction rolled back, so the same request (same idempotency key) can simply be sent again.
        log.warning("busy on %s %s: %s", request.method, request.path, exc)
        response, status = error_response(503, "busy", gettext(
            "The server is busy; nothing was saved. Please try again in a moment."))
        response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response, status

    @app.errorhandler(Exception)
    def on_unexpected(exc: Exception):
        log.exception("unexpected error on %s %s", request.method, request.path)
        return error_response(500, "internal_error",
                              gettext("Something went wrong; nothing was saved. Please try again."))
