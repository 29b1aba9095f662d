"""Signed receipt tokens, and the link a receipt's QR code carries to the page that checks it."""
from __future__ import annotations

from dataclasses import dataclass

from itsdangerous import BadSignature, URLSafeSerializer

SALT = "canteen-receipt"
KINDS = ("s", "t")  # sale, top-up


@dataclass(frozen=True)
class ReceiptLinks:
    """Tokens signed with the app's secret, and the server address the verification page is under."""

    secret: str
    base_url: str  # e.g. "http://127.0.0.1:8000/"

    def token(self, kind: str, record_id: int) -> str:
        """A short token naming one sale ("s") or top-up ("t"); it cannot be forged without the secret."""
        assert kind in KINDS, kind
        return URLSafeSerializer(self.secret, salt=SALT).dumps(f"{kind}{record_id}")

    def read(self, token: str) -> tuple[str, int] | None:
        """(kind, id) of a genuine token, or None."""
        try:
            text = URLSafeSerializer(self.secret, salt=SALT).loads(token)
        except BadSignature:
            return None
        if not isinstance(text, str) or text[:1] not in KINDS or not text[1:].isdigit():
            return None
        return text[0], int(text[1:])

    def url(self, kind: str, record_id: int) -> str:
        """The absolute URL of the verification page of one receipt."""
        return f"{self.base_url.rstrip('/')}/r/{self.token(kind, record_id)}"
