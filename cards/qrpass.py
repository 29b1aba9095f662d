"""Resident QR passes: one-time time-stepped codes, and a printed static fallback.

Payloads use only QR alphanumeric characters (upper case, digits, "-") so the
code stays small and scanners type it back reliably:

    CP1-<resident id>-<time step>-<mac>   dynamic pass shown on a phone
    CS1-<resident id>-<issue>-<mac>       static pass printed on paper

The time step is floor(Unix time / 30), as in RFC 6238. The mac is the first
40 bits of HMAC-SHA256, keyed with the resident's base32 secret, over the
text before the last "-", in base32 (8 characters, A-Z and 2-7).

A dynamic pass is accepted within one step of clock drift, and only once:
the caller keeps the last accepted step per resident and passes it in, and
any step at or before it is refused. A static pass can be photocopied, so it
is reported as static for the cashier to check the resident's name and
photo; printing a new one (the next issue number) revokes the old one.
"""

import base64
import hashlib
import hmac
import math
import re
import secrets
from dataclasses import dataclass
from datetime import datetime

from cards.errors import QrExpired, QrInvalid, QrReused, QrRevoked
from cards.text import clean

STEP_SECONDS = 30
DRIFT_STEPS = 1
DYNAMIC_PREFIX = "CP1"
STATIC_PREFIX = "CS1"
PASS_PREFIXES = (DYNAMIC_PREFIX + "-", STATIC_PREFIX + "-")
MAC_BYTES = 5  # 40 bits: 8 base32 characters

_PAYLOAD = re.compile(r"(CP1|CS1)-([1-9][0-9]{0,11})-(0|[1-9][0-9]{0,11})-([A-Z2-7]{8})")

Moment = float | datetime  # Unix seconds, or an aware datetime


@dataclass(frozen=True)
class ParsedPass:
    """A well-formed pass payload, not yet verified."""

    resident_id: int
    static: bool
    counter: int  # the time step of a dynamic pass, the issue number of a static one
    mac: str


@dataclass(frozen=True)
class AcceptedPass:
    """A verified pass: the caller stores `step` as the resident's last accepted step."""

    resident_id: int
    step: int | None  # None for a static pass, which has no time step
    static: bool


def new_secret() -> str:
    """A fresh 160-bit resident secret in base32."""
    return base64.b32encode(secrets.token_bytes(20)).decode("ascii")


def time_step(now: Moment) -> int:
    """The 30-second step counter at a moment."""
    return math.floor(_seconds(now) / STEP_SECONDS)


def seconds_left(now: Moment) -> int:
    """Whole seconds until the current step ends, 1 to 30, for a countdown."""
    return math.ceil(STEP_SECONDS - _seconds(now) % STEP_SECONDS)


def dynamic_payload(resident_id: int, secret: str, now: Moment) -> str:
    """The one-time pass payload a resident's phone shows at this moment."""
    return _sign(DYNAMIC_PREFIX, resident_id, time_step(now), secret)


def static_payload(resident_id: int, secret: str, issue: int = 1) -> str:
    """The payload of a printed pass; a higher issue number revokes earlier prints."""
    return _sign(STATIC_PREFIX, resident_id, issue, secret)


def parse_pass(payload: str) -> ParsedPass:
    """Split a scanned pass payload into its fields; raises QrInvalid when malformed."""
    match = _PAYLOAD.fullmatch(clean(payload).upper())
    if match is None:
        raise QrInvalid("This is not a canteen pass, or it was scanned incompletely.")
    prefix, resident_id, counter, mac = match.groups()
    return ParsedPass(int(resident_id), prefix == STATIC_PREFIX, int(counter), mac)


def verify_pass(
    parsed: ParsedPass,
    secret: str,
    now: Moment,
    last_step: int | None = None,
    *,
    current_issue: int = 1,
) -> AcceptedPass:
    """Accept a pass for its resident, or raise QrInvalid, QrExpired, QrReused or QrRevoked."""
    prefix = STATIC_PREFIX if parsed.static else DYNAMIC_PREFIX
    expected = _mac(prefix, parsed.resident_id, parsed.counter, secret)
    if not hmac.compare_digest(expected, parsed.mac):
        raise QrInvalid("This pass is not valid for this resident.")
    if parsed.static:
        if parsed.counter != current_issue:
            raise QrRevoked("This printed pass was replaced by a newer one.")
        return AcceptedPass(parsed.resident_id, None, True)
    _check_step(parsed.counter, time_step(now), last_step)
    return AcceptedPass(parsed.resident_id, parsed.counter, False)


def _check_step(step: int, current: int, last_step: int | None) -> None:
    if step > current + DRIFT_STEPS:
        raise QrInvalid("This code is from the future: the phone's clock is wrong.")
    if step < current - DRIFT_STEPS:
        raise QrExpired("This code has expired. Ask for the new code on the phone.")
    if last_step is not None and step <= last_step:
        raise QrReused("This code was already used. Ask for the new code on the phone.")


def _sign(prefix: str, resident_id: int, counter: int, secret: str) -> str:
    if resident_id < 1 or counter < 0:
        raise ValueError("resident id must be positive and counter non-negative")
    return f"{prefix}-{resident_id}-{counter}-{_mac(prefix, resident_id, counter, secret)}"


def _mac(prefix: str, resident_id: int, counter: int, secret: str) -> str:
    message = f"{prefix}-{resident_id}-{counter}".encode("ascii")
    digest = hmac.new(_key(secret), message, hashlib.sha256).digest()
    return base64.b32encode(digest[:MAC_BYTES]).decode("ascii")


def _key(secret: str) -> bytes:
    compact = secret.replace(" ", "").upper()
    try:
        return base64.b32decode(compact + "=" * (-len(compact) % 8))
    except ValueError as exc:
        raise ValueError("resident secret is not base32") from exc


def _seconds(now: Moment) -> float:
    if isinstance(now, datetime):
        if now.tzinfo is None:
            raise ValueError("use an aware datetime: a naive one has no fixed Unix time")
        return now.timestamp()
    return now
