import pytest

from receipts.money import format_fen, format_yuan


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
