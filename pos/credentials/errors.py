"""Refusals of a credential, each with its own code."""
from pos.errors import CanteenError


class UnknownCredential(CanteenError):
    status = 404
    code = "unknown_credential"


class CardBlocked(CanteenError):
    status = 403
    code = "card_blocked"


class QrRefused(CanteenError):
    status = 403
    code = "qr_invalid"


class PresentationRefused(CanteenError):
    status = 403
    code = "presentation_invalid"
