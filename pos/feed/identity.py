"""How an ID number leaves the canteen in the feed, as the receiving platform agreed (CANTEEN_FEED_ID_NUMBERS)."""
from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable
from functools import lru_cache

from pos.residents.masks import mask_number

MODES = ("full", "masked", "hashed", "none")


def id_number_hash(key: str, id_number: str) -> str:
    """HMAC-SHA256 of the 18-character ID number (upper-case X) with the feed key, hex: a platform holding the
    same key computes the same value from its own register; without the key an 18-digit number cannot be found
    by trying them all (there are few enough that a plain hash could be)."""
    return hmac.new(key.encode(), id_number.strip().upper().encode("ascii"), hashlib.sha256).hexdigest()


def id_number_writer(mode: str, key: str) -> Callable[[str | None], str | None]:
    """The function that turns a resident's ID number into what the feed shows (None: a walk-in, or mode none)."""
    if mode == "full":
        return lambda number: number
    if mode == "masked":  # the one masking rule (pos.residents.masks): the last four characters
        return lambda number: mask_number(number) if number else None
    if mode == "hashed":  # a month names each resident some sixty times: hash each number once
        hashed = lru_cache(maxsize=65_536)(lambda number: id_number_hash(key, number))
        return lambda number: hashed(number) if number else None
    if mode == "none":
        return lambda number: None
    raise ValueError(f"unknown ID number mode {mode!r}; use one of {', '.join(MODES)}")
