"""The APDU exchange that reads a resident card: its UID and, on CPU cards, a card number."""

import re
from collections.abc import Callable
from dataclasses import dataclass

from cards.errors import CardUnreadable
from cards.identifiers import UID_BYTES

GET_UID = bytes.fromhex("FFCA000000")  # PC/SC pseudo-APDU: the reader answers with the UID
SW_OK = 0x9000

Transmit = Callable[[bytes], bytes]  # sends a command APDU, returns the response APDU

_CARD_NUMBER = re.compile(r"[0-9A-Z]{1,32}")


@dataclass(frozen=True)
class CardRead:
    """What a card told the reader."""

    uid: str  # canonical upper-case hex
    card_number: str | None = None  # from the canteen application on a CPU card


def select_command(aid: bytes) -> bytes:
    """SELECT by application identifier: 00 A4 04 00 Lc AID."""
    return bytes([0x00, 0xA4, 0x04, 0x00, len(aid)]) + aid


def read_binary_command(offset: int = 0, length: int = 0) -> bytes:
    """READ BINARY of the selected file; length 0 asks for all of it, up to 256 bytes."""
    return bytes([0x00, 0xB0]) + offset.to_bytes(2, "big") + bytes([length])


def read_card(transmit: Transmit, aid: bytes | None = None) -> CardRead:
    """Read the UID, and the card number when `aid` is set and the card has that application."""
    uid = _expect_ok(transmit(GET_UID), "its UID")
    if len(uid) not in UID_BYTES:
        raise CardUnreadable(f"The card gave a {len(uid)}-byte UID; a UID has 4, 7 or 10 bytes.")
    if aid is None:
        return CardRead(uid.hex().upper())
    if _status_word(transmit(select_command(aid)), "the canteen application") != SW_OK:
        return CardRead(uid.hex().upper())  # no canteen application: the UID identifies it
    number = _expect_ok(transmit(read_binary_command()), "its card number")
    return CardRead(uid.hex().upper(), _card_number(number))


def _expect_ok(response: bytes, what: str) -> bytes:
    status = _status_word(response, what)
    if status != SW_OK:
        raise CardUnreadable(f"The card refused to give {what} (status {status:04X}).")
    return response[:-2]


def _status_word(response: bytes, what: str) -> int:
    if not response:
        raise CardUnreadable(
            f"The card stopped answering when asked for {what}: taken away too soon? Tap it again."
        )
    if len(response) < 2:
        raise CardUnreadable(f"The card gave a garbled answer when asked for {what}.")
    return int.from_bytes(response[-2:], "big")


def _card_number(data: bytes) -> str:
    text = data.rstrip(b"\x00\xff ").decode("ascii", errors="replace")
    if not _CARD_NUMBER.fullmatch(text):
        raise CardUnreadable("The card number on the card is unreadable.")
    return text
