import pytest

from receipts import fonts
from receipts.fonts import FontNotFound, find_cjk_font, register_cjk_font

WQY = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"


def test_explicit_path_wins(tmp_path):
    assert str(find_cjk_font(WQY)) == WQY


def test_missing_explicit_path_says_which_setting_to_fix(tmp_path):
    with pytest.raises(FontNotFound, match="CANTEEN_FONT_PATH"):
        find_cjk_font(tmp_path / "nope.ttf")


def test_environment_variable_is_used(monkeypatch):
    monkeypatch.setattr(fonts, "CANDIDATES", ())
    monkeypatch.setenv("CANTEEN_FONT_PATH", WQY)
    assert str(find_cjk_font()) == WQY


def test_no_font_anywhere_names_the_package_and_the_setting(monkeypatch):
    monkeypatch.setattr(fonts, "CANDIDATES", ("/nonexistent/simhei.ttf",))
    monkeypatch.delenv("CANTEEN_FONT_PATH", raising=False)
    with pytest.raises(FontNotFound) as err:
        find_cjk_font()
    assert "sudo apt-get install fonts-wqy-microhei" in str(err.value)
    assert "CANTEEN_FONT_PATH" in str(err.value)


def test_register_once_returns_the_same_name():
    assert register_cjk_font(WQY) == register_cjk_font(WQY) == "CanteenCJK"


def test_a_file_that_is_not_a_font_is_refused(tmp_path):
    bogus = tmp_path / "bogus.ttf"
    bogus.write_bytes(b"not a font")
    with pytest.raises(FontNotFound, match="cannot be embedded"):
        register_cjk_font(bogus)
