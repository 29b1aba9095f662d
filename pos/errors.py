"""Errors a user can meet, and how each reaches them: a page or a JSON body.

Every refusal carries a stable ``code`` for programs and a message in the
request's language for people. Nothing here shows a traceback.
"""
from __future__ import annotations

import logging
import re

from flask import Flask, jsonify, make_response, render_template, request
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as SqlTimeout
from werkzeug.exceptions import HTTPException

from pos.db import DatabaseBusy
from vocabulary import format_yuan

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
        """The message in the request's language, naming its field in words people use, or not at all: a
        field's code (amount_fen) is for programs, which read it from the answer's "field"."""
        text = self.reason()
        label = field_label(self.field)
        if not label:
            return text
        return gettext("%(field)s: %(reason)s", field=label, reason=text)


def N_(text: str) -> str:
    """Mark a message for translation where it is defined; it is translated when shown."""
    return text


# How a refusal names the fields of the API's bodies and the forms' names: the words on the screen, never the
# code. A field not here is left unnamed (its message says enough, or only a program can send it wrongly).
# Items of a list are one entry: items[2].qty is "items[].qty".
FIELD_LABELS = {
    "amount_fen": N_("Top-up amount"),
    "correct_amount_fen": N_("Correct amount"),
    "method": N_("Payment method"),
    "payment_method": N_("Payment method"),
    "reference": N_("Payment reference number"),
    "reason": N_("Reason"),
    "note": N_("Note"),
    "opening_float_fen": N_("Cash float"),
    "counted_cash_fen": N_("Counted cash"),
    "pin": N_("PIN"),
    "card": N_("Card number"),
    "uid": N_("Card number"),
    "new_uid": N_("New card number"),
    "credential.card_uid": N_("Card number"),
    "deposit_fen": N_("Card deposit"),
    "items": N_("Dishes ordered"),
    "items[]": N_("Dishes ordered"),
    "items[].qty": N_("Quantity"),
    "items[].dish_id": N_("Dish"),
    "dish_id": N_("Dish"),
    "meal_period": N_("Meal period"),
    "channel": N_("How it reaches them"),
    "weekdays": N_("Days of the week"),
    "starts_on": N_("First day"),
    "ends_on": N_("Last day"),
    "from_day": N_("Paused from"),
    "to_day": N_("Paused until"),
    "resident_id": N_("Resident"),
    "id_number": N_("ID number"),
    "username": N_("Username"),
    "password": N_("Password"),
    "new_password": N_("New password"),
    "current_password": N_("Current password"),
    "phone": N_("Phone"),
    "address": N_("Address"),
}
LIST_INDEX = re.compile(r"\[\d+\]")


def field_label(field: str | None) -> str:
    """A field's name in the request's language, or "" for a field people are not told the name of."""
    label = FIELD_LABELS.get(LIST_INDEX.sub("[]", field)) if field else None
    return gettext(label) if label else ""


class Forbidden(CanteenError):
    status = 403
    code = "forbidden"


class InvalidInput(CanteenError):
    """Input that fails validation; `field` names what is wrong."""

    status = 422
    code = "invalid_input"


# An amount of money out of its range, told in yuan (the API's fields are fen, people think in yuan).
YUAN_RANGE = N_("must be from %(low)s yuan to %(high)s yuan")
NOT_FEN = N_("must be a whole number of fen")


def amount_in_range(value: object, field: str, low: int, high: int) -> int:
    """An amount of fen from low to high inclusive, or InvalidInput saying the range in yuan (JSON true is not
    1 fen, nor is 1.0)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInput(NOT_FEN, field=field)
    if not low <= value <= high:
        raise InvalidInput(YUAN_RANGE, field=field, low=format_yuan(low, sign="", grouped=True),
                           high=format_yuan(high, sign="", grouped=True))
    return value


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


def error_response(status: int, code: str, message: str, field: str | None = None):
    """Render one error in the form the client expects; a program reads the field's code in "field"."""
    if wants_json():
        error = {"code": code, "message": message} | ({"field": field} if field else {})
        return make_response(jsonify({"error": error})), status
    return make_response(render_template("error.html", status=status, message=message)), status


def init_app(app: Flask) -> None:
    """Register handlers for our errors, HTTP errors and anything unexpected."""

    @app.errorhandler(CanteenError)
    def on_canteen_error(exc: CanteenError):
        response, status = error_response(exc.status, exc.code, exc.localised(), exc.field)
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
