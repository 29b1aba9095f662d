"""Card UIDs in one canonical form, whatever a reader typed.

The canonical form is upper-case hex without separators ("04A1B2C3"), as a
PC/SC reader reports it. Keyboard-wedge readers type the same UID in other
forms: hex with separators or prefixes (";", "%...?", "UID:", "0x"),
full-width characters from a Chinese input method, or a decimal number -
10 digits for a 4-byte UID, 15 to 17 for a 7-byte one - in either byte order.
Some readers reverse the byte order, so `candidate_uids` returns both
orders: the UID as typed (a decimal read big-endian) first, reversed second.
"""

import re
from dataclasses import dataclass

from cards.errors import ScanEmpty, UidInvalid
from cards.qrpass import PASS_PREFIXES
from cards.text import clean

UID_BYTES = (4, 7, 10)  # ISO 14443-3 single, double and triple size UIDs
# Decimal length -> UID bytes. 14 digits would clash with 7-byte hex, and a
# 7-byte UID starts with a manufacturer byte, so its decimal has 15 to 17 digits.
DECIMAL_DIGITS = {10: 4, 15: 7, 16: 7, 17: 7}

_SENTINELS = re.compile(r"^[;%]+|\?+$")  # magnetic-stripe style start and end marks
_PREFIX = re.compile(r"^(?:UID\s*[:=]?\s*)?(?:0X)?\s*")
_SEPARATORS = re.compile(r"[\s:.\-]")
_HEX = re.compile(r"[0-9A-F]+")
_DECIMAL = re.compile(r"[0-9]+")


@dataclass(frozen=True)
class Scan:
    """One scan or typed entry at the counter, with what it looks like."""

    kind: str  # "card", "qr" or "typed"
    value: str  # canonical UID, upper-case pass payload, or the typed text
    candidates: tuple[str, ...] = ()  # every UID a card scan may stand for


def candidate_uids(text: str) -> list[str]:
    """Canonical hex UIDs that a scanned card identifier may stand for, most likely first."""
    body = _strip_wrappers(text)
    if _DECIMAL.fullmatch(body) and len(body) in DECIMAL_DIGITS:
        return _from_decimal(body, DECIMAL_DIGITS[len(body)])
    compact = _SEPARATORS.sub("", body)
    if not _HEX.fullmatch(compact):
        raise UidInvalid(f'"{body}" is not a card number: a card UID is hex digits or a decimal.')
    if len(compact) // 2 not in UID_BYTES or len(compact) % 2:
        raise UidInvalid(
            f'"{body}" has {len(compact)} hex digits; a card UID has 8, 14 or 20 '
            "(or is a decimal of 10 or 15 to 17 digits)."
        )
    return _both_orders(bytes.fromhex(compact))


def normalise_uid(text: str) -> str:
    """The single most likely canonical hex UID for a scanned card identifier."""
    return candidate_uids(text)[0]


def classify_scan(text: str) -> Scan:
    """Tell a card UID from a QR pass payload from typed input such as a name or number."""
    cleaned = clean(text)
    if not cleaned:
        raise ScanEmpty("Nothing was scanned.")
    if cleaned.upper().startswith(PASS_PREFIXES):
        return Scan("qr", cleaned.upper())
    try:
        candidates = candidate_uids(cleaned)
    except UidInvalid:
        return Scan("typed", " ".join(cleaned.split()))
    return Scan("card", candidates[0], tuple(candidates))


def _strip_wrappers(text: str) -> str:
    body = _PREFIX.sub("", _SENTINELS.sub("", clean(text).upper()))
    if not body:
        raise ScanEmpty("Nothing was scanned.")
    return body


def _from_decimal(digits: str, size: int) -> list[str]:
    value = int(digits)
    if value >= 1 << (8 * size):
        raise UidInvalid(f'"{digits}" is too large for a {size}-byte card UID.')
    return _both_orders(value.to_bytes(size, "big"))


def _both_orders(uid: bytes) -> list[str]:
    as_read, reversed_ = uid.hex().upper(), uid[::-1].hex().upper()
    return [as_read] if as_read == reversed_ else [as_read, reversed_]
