"""Reading a card's UID and card number, against an emulated card without a reader."""

import pytest

from cards.apdu import CardRead, read_binary_command, read_card, select_command
from cards.errors import CardUnreadable
from tests.support.emulated_card import DEFAULT_AID, ERROR, GARBAGE, EmulatedCard


def test_the_uid_is_read_with_get_data() -> None:
    card = EmulatedCard("04a1b2c3")
    assert read_card(card.answer) == CardRead("04A1B2C3")
    assert card.commands == [bytes.fromhex("FFCA000000")]


def test_a_cpu_card_gives_its_card_number_from_the_application() -> None:
    card = EmulatedCard("04112233445566", card_number="310001")
    assert read_card(card.answer, DEFAULT_AID) == CardRead("04112233445566", "310001")
    assert card.commands == [
        bytes.fromhex("FFCA000000"),
        bytes.fromhex("00A4040008F0434E54454E3031"),
        bytes.fromhex("00B0000000"),
    ]


def test_a_card_without_the_application_is_known_by_its_uid() -> None:
    assert read_card(EmulatedCard("04A1B2C3").answer, DEFAULT_AID) == CardRead("04A1B2C3")


def test_commands_are_built_as_iso_7816_says() -> None:
    assert select_command(b"\xa0\x00\x01") == bytes.fromhex("00A4040003A00001")
    assert read_binary_command(0x0102, 16) == bytes.fromhex("00B0010210")


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        (
            EmulatedCard("04A1B2C3", behaviour=GARBAGE).answer,
            "The card gave a garbled answer when asked for its UID.",
        ),
        (
            EmulatedCard("04A1B2C3", behaviour=ERROR).answer,
            "The card refused to give its UID (status 6A81).",
        ),
        (
            lambda apdu: b"",
            "The card stopped answering when asked for its UID: taken away too soon? Tap it again.",
        ),
        (
            lambda apdu: bytes.fromhex("0102039000"),
            "The card gave a 3-byte UID; a UID has 4, 7 or 10 bytes.",
        ),
        (
            EmulatedCard("04A1B2C3", card_number="ab!").answer,
            "The card number on the card is unreadable.",
        ),
    ],
)
def test_bad_answers_are_unreadable_cards(answer, message: str) -> None:
    with pytest.raises(CardUnreadable) as raised:
        read_card(answer, DEFAULT_AID)
    assert (raised.value.code, raised.value.message) == ("card_unreadable", message)
