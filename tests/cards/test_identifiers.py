"""Card UIDs typed by keyboard-wedge readers map back to one canonical form."""

import re
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cards.errors import CardError, ScanEmpty, UidInvalid
from cards.identifiers import Scan, candidate_uids, classify_scan, normalise_uid

UIDS = st.binary(min_size=4, max_size=4) | st.binary(min_size=7, max_size=7)
CANONICAL = re.compile(r"(?:[0-9A-F]{8}|[0-9A-F]{14}|[0-9A-F]{20})")


def _pairs(uid: bytes) -> list[str]:
    return [f"{byte:02X}" for byte in uid]


def _decimal(uid: bytes) -> str:
    return str(int.from_bytes(uid, "big")).zfill(10 if len(uid) == 4 else 17)


# What keyboard-wedge readers and input methods have been seen to type.
HEX_FORMS: dict[str, Callable[[bytes], str]] = {
    "upper": lambda uid: uid.hex().upper(),
    "lower": lambda uid: uid.hex(),
    "colons": lambda uid: ":".join(_pairs(uid)),
    "dashes": lambda uid: "-".join(_pairs(uid)),
    "spaces": lambda uid: " ".join(_pairs(uid)).lower(),
    "track 2": lambda uid: f";{uid.hex().upper()}?",
    "track 1": lambda uid: f"%{uid.hex().upper()}?",
    "labelled": lambda uid: f"UID: {uid.hex().upper()}",
    "0x": lambda uid: f"0x{uid.hex()}",
    "enter": lambda uid: f"\x02{uid.hex().upper()}\r\n",
}
DECIMAL_FORMS: dict[str, Callable[[bytes], str]] = {
    "decimal": _decimal,
    "decimal reversed": lambda uid: _decimal(uid[::-1]),
}


def full_width(text: str) -> str:
    """Text as a Chinese input method in full-width mode types it."""
    return "".join(chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch for ch in text)


@given(UIDS, st.sampled_from(sorted(HEX_FORMS | DECIMAL_FORMS)), st.booleans())
def test_every_keyboard_form_maps_back_to_its_uid(uid: bytes, form: str, wide: bool) -> None:
    typed = (HEX_FORMS | DECIMAL_FORMS)[form](uid)
    candidates = candidate_uids(full_width(typed) if wide else typed)
    assert uid.hex().upper() in candidates
    assert all(CANONICAL.fullmatch(candidate) for candidate in candidates)


@given(UIDS, st.sampled_from(sorted(HEX_FORMS)))
def test_hex_forms_are_unambiguous(uid: bytes, form: str) -> None:
    assert normalise_uid(HEX_FORMS[form](uid)) == uid.hex().upper()


@given(UIDS, st.sampled_from(sorted(HEX_FORMS | DECIMAL_FORMS)))
def test_normalise_is_idempotent(uid: bytes, form: str) -> None:
    once = normalise_uid((HEX_FORMS | DECIMAL_FORMS)[form](uid))
    assert normalise_uid(once) == once


@given(st.text())
def test_any_text_gives_canonical_candidates_or_a_clear_error(text: str) -> None:
    try:
        candidates = candidate_uids(text)
    except CardError as exc:
        assert exc.code in ("uid_invalid", "scan_empty")
        assert exc.message
    else:
        assert candidates and all(CANONICAL.fullmatch(candidate) for candidate in candidates)


def test_a_decimal_stands_for_both_byte_orders() -> None:
    assert candidate_uids("0077705923") == ["04A1B2C3", "C3B2A104"]
    assert candidate_uids("3283263748") == ["C3B2A104", "04A1B2C3"]


def test_an_unpadded_seven_byte_decimal_is_read() -> None:
    assert candidate_uids("1144738493519206") == ["04112233445566", "66554433221104"]


def test_a_palindromic_uid_has_one_candidate() -> None:
    assert candidate_uids("A1B2B2A1") == ["A1B2B2A1"]


@pytest.mark.parametrize(
    ("typed", "error", "message"),
    [
        ("", ScanEmpty, "Nothing was scanned."),
        (";?\r\n", ScanEmpty, "Nothing was scanned."),
        (
            "04a1b2",
            UidInvalid,
            '"04A1B2" has 6 hex digits; a card UID has 8, 14 or 20 '
            "(or is a decimal of 10 or 15 to 17 digits).",
        ),
        ("张三", UidInvalid, '"张三" is not a card number: a card UID is hex digits or a decimal.'),
        ("4294967296", UidInvalid, '"4294967296" is too large for a 4-byte card UID.'),
    ],
)
def test_garbage_is_refused_clearly(typed: str, error: type[CardError], message: str) -> None:
    with pytest.raises(error) as raised:
        candidate_uids(typed)
    assert raised.value.message == message


@pytest.mark.parametrize(
    ("typed", "scan"),
    [
        ("；０４ａ１ｂ２ｃ３？\r\n", Scan("card", "04A1B2C3", ("04A1B2C3", "C3B2A104"))),
        ("0077705923\n", Scan("card", "04A1B2C3", ("04A1B2C3", "C3B2A104"))),
        ("cp1-1024-58811040-abcdefgh\r\n", Scan("qr", "CP1-1024-58811040-ABCDEFGH")),
        ("CS1-7-1-ABCDEFGH", Scan("qr", "CS1-7-1-ABCDEFGH")),
        (" 张  三 ", Scan("typed", "张 三")),
        ("13800138000", Scan("typed", "13800138000")),
        ("1024", Scan("typed", "1024")),
    ],
)
def test_classify_scan(typed: str, scan: Scan) -> None:
    assert classify_scan(typed) == scan


def test_classify_an_empty_scan_is_refused() -> None:
    with pytest.raises(ScanEmpty):
        classify_scan("\r\n")
