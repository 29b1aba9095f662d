"""Signed receipt tokens for the verification page the receipt's QR code links to."""
from __future__ import annotations

from flask import current_app, has_request_context, url_for
from itsdangerous import BadSignature, URLSafeSerializer

SALT = "canteen-receipt"
KINDS = ("s", "t")  # sale, top-up


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def receipt_token(kind: str, record_id: int) -> str:
    """A short token naming one sale ("s") or top-up ("t"); it cannot be forged without the secret key."""
    assert kind in KINDS, kind
    return _serializer().dumps(f"{kind}{record_id}")


def read_token(token: str) -> tuple[str, int] | None:
    """(kind, id) of a genuine token, or None."""
    try:
        text = _serializer().loads(token)
    except BadSignature:
        return None
    if not isinstance(text, str) or text[:1] not in KINDS or not text[1:].isdigit():
        return None
    return text[0], int(text[1:])


def verify_url(kind: str, record_id: int) -> str:
    """The absolute URL of the verification page (the configured host when there is no request)."""
    token = receipt_token(kind, record_id)
    if has_request_context():
        return url_for("receipt_check.verify", token=token, _external=True)
    config = current_app.extensions["canteen_config"]
    return f"http://{config.host}:{config.port}/r/{token}"
