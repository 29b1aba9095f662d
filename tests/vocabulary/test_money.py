import pytest

from vocabulary.money import format_fen, format_yuan, parse_yuan


@pytest.mark.parametrize("fen, text", [
    (0, "0.00"), (5, "0.05"), (50, "0.50"), (1250, "12.50"), (100, "1.00"),
    (-5, "-0.05"), (-1250, "-12.50"), (123456789, "1234567.89"),
])
def test_format_fen(fen, text):
    assert format_fen(fen) == text


def test_format_yuan_puts_the_sign_after_the_minus():
    assert format_yuan(1250) == "¥12.50"
    assert format_yuan(-500) == "-¥5.00"


@pytest.mark.parametrize("bad", [12.5, "1250", True])
def test_format_fen_refuses_anything_but_int(bad):
    with pytest.raises(TypeError):
        format_fen(bad)


@pytest.mark.parametrize("text, fen", [
    ("11", 1100), ("11.00", 1100), ("11.5", 1150), ("0.29", 29), ("0.05", 5), (".5", 50), (" 12.30 ", 1230),
    ("¥7.50", 750), ("7.50元", 750), ("１１．００", 1100), ("0", 0),
])
def test_parse_yuan_is_exact(text, fen):
    assert parse_yuan(text) == fen


@pytest.mark.parametrize("bad", ["", "12.345", "-1", "+1", "1e3", "1,000", "12.", "abc", "1.2.3", "NaN"])
def test_parse_yuan_refuses_what_is_not_plain_yuan(bad):
    with pytest.raises(ValueError):
        parse_yuan(bad)
