"""A presentation: the server's word that a resident showed a valid credential at this terminal.

A one-time QR code is spent when it is scanned, before the cashier has picked
the dishes; the terminal then settles with the presentation it got back. It is
signed with the app's secret, bound to the terminal, and lasts ten minutes.
"""
from __future__ import annotations

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from pos.credentials.errors import PresentationRefused

MAX_AGE_SECONDS = 600


def _serializer(secret: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret, salt="canteen-presentation")


def sign_presentation(secret: str, resident_id: int, kind: str, ref: str, terminal_id: int) -> str:
    """A token standing for this resident at this terminal, signed with the app's secret."""
    return _serializer(secret).dumps({"r": resident_id, "k": kind, "ref": ref, "t": terminal_id})


def open_presentation(secret: str, token: str, terminal_id: int | None) -> tuple[int, str, str]:
    """The resident id, credential kind and reference behind a token from this terminal."""
    try:
        data = _serializer(secret).loads(token, max_age=MAX_AGE_SECONDS)
    except SignatureExpired:
        raise PresentationRefused("the scan is more than 10 minutes old; scan again",
                                  code="presentation_expired") from None
    except BadSignature:
        raise PresentationRefused("this scan was not made here; scan again") from None
    if data.get("t") != terminal_id:
        raise PresentationRefused("this scan was made at another counter; scan again")
    return int(data["r"]), str(data["k"]), str(data["ref"])
