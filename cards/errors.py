"""Errors raised by the cards library, each with a stable code for the UI."""


class CardError(Exception):
    """Base error: `code` is stable for programs, the message is plain for people."""

    code = "card_error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UidInvalid(CardError):
    """The text is not a card UID in any form a reader types."""

    code = "uid_invalid"


class ScanEmpty(UidInvalid):
    """Nothing but whitespace, control characters or reader sentinels was scanned."""

    code = "scan_empty"


class CardUnreadable(CardError):
    """The card on a PC/SC reader gave no usable answer."""

    code = "card_unreadable"


class QrError(CardError):
    """A QR pass was refused."""

    code = "qr_error"


class QrInvalid(QrError):
    """The pass is malformed, forged or for another resident's secret."""

    code = "qr_invalid"


class QrExpired(QrError):
    """The time-stepped pass is older than the accepted clock drift."""

    code = "qr_expired"


class QrReused(QrError):
    """The time-stepped pass, or an older one, was already accepted."""

    code = "qr_reused"


class QrRevoked(QrError):
    """A printed pass that a newer printed pass replaced."""

    code = "qr_revoked"
