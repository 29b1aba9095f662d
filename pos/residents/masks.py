"""What staff and paper show of a resident's ID number, phone and name: the one masking rule.

An ID number's first 14 digits say where and when its holder was born. Shown beside an age and a
district, its first four and last four left a few dozen candidates; so numbers show their last four
characters only, the rest as *. Only admins see them whole, and each such view is audited
(pos.enrolment.profile).
"""
from __future__ import annotations

from functools import lru_cache

VISIBLE = 4


def mask_number(text: str) -> str:
    """An ID or phone number with its last four characters shown: 13912345678 -> *******5678."""
    if len(text) <= VISIBLE:
        return "*" * len(text)
    return "*" * (len(text) - VISIBLE) + text[-VISIBLE:]


def mask_name(name: str) -> str:
    """张桂兰 -> 张*兰, 李明 -> 李*: enough for staff to recognise, not for strangers."""
    if len(name) <= 1:
        return name
    return name[0] + "*" * max(1, len(name) - 2) + (name[-1] if len(name) > 2 else "")


@lru_cache(maxsize=65_536)  # a month's claim names the same residents again and again
def masked_resident(name: str, id_number: str) -> str:
    """The resident as a claim lists them: masked name and the ID number's last four characters."""
    return f"{mask_name(name)}({id_number[-VISIBLE:]})"
