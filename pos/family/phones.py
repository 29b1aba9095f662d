"""A family member's phone number, as they type it to sign in and as staff type it: one stored form."""
from __future__ import annotations

import re
import unicodedata

from pos.errors import N_, InvalidInput

MOBILE = re.compile(r"1[3-9][0-9]{9}")  # a mainland mobile number: 11 digits, 13x to 19x
SEPARATORS = re.compile(r"[\s\-()（）]")
NOT_A_MOBILE = N_("must be an 11-digit mobile number, like 139 1234 5678")


def normal_phone(text: str) -> str | None:
    """The 11 digits of a mobile number typed with spaces, dashes or +86 (full-width digits too), or None."""
    digits = SEPARATORS.sub("", unicodedata.normalize("NFKC", text or ""))
    for prefix in ("+86", "0086", "86"):
        if digits.startswith(prefix) and len(digits) == 11 + len(prefix):
            digits = digits[len(prefix):]
    return digits if MOBILE.fullmatch(digits) else None


def checked_phone(text: str) -> str:
    """The stored form of a mobile number, or a refusal naming the phone field."""
    phone = normal_phone(text)
    if phone is None:
        raise InvalidInput(NOT_A_MOBILE, field="phone")
    return phone
