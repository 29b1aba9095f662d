"""The 18-digit resident ID number (GB 11643): check character, birth date, sex.

How much of it staff may see is pos.residents.masks's rule.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date

from pos.errors import InvalidInput

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"


@dataclass(frozen=True)
class IdNumber:
    """A valid ID number and what it says about its holder."""

    number: str
    birth_date: date
    sex: str  # "M" or "F": the 17th digit is odd for men


def check_char(first17: str) -> str:
    """The check character for the first 17 digits."""
    return CHECK_CHARS[sum(int(d) * w for d, w in zip(first17, WEIGHTS)) % 11]


def parse_id_number(text: str, field: str = "id_number") -> IdNumber:
    """Validate an ID number, refusing it with the reason when it is wrong."""
    # Full-width digits and spaces arrive from Chinese input methods and spreadsheets.
    number = "".join(unicodedata.normalize("NFKC", text).split()).upper()
    if len(number) != 18 or not number[:17].isdigit() or number[17] not in "0123456789X":
        raise InvalidInput("must be 18 characters: 17 digits and a digit or X", field=field)
    try:
        birth = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise InvalidInput("the birth date in it (%(digits)s) is not a real date", field=field,
                           digits=number[6:14]) from None
    if number[17] != check_char(number[:17]):
        raise InvalidInput("the check character is wrong; please check the number again", field=field)
    return IdNumber(number, birth, "M" if int(number[16]) % 2 else "F")


def make_id_number(area_code: str, birth: date, serial: int) -> str:
    """Build a valid number from a 6-digit area code, a birth date and a 3-digit serial."""
    first17 = f"{area_code}{birth:%Y%m%d}{serial:03d}"
    return first17 + check_char(first17)
