"""The password rules: long enough, not the username, not one character, not a run or a common password."""
import pytest

from pos.auth.services import check_password
from pos.errors import InvalidInput

EASY = "is too easy to guess: no runs like 12345678 or qwertyui, no repeated patterns like 12121212, no common passwords"


@pytest.mark.parametrize("password", ["secret-pass", "cashier123", "manager123", "admin1234", "绿豆汤要少糖2026",
                                      "correct horse battery", "a" * 7 + "b"])
def test_good_passwords_pass(password):
    check_password(password, "liming")


@pytest.mark.parametrize(("password", "message"), [
    ("short12", "must be at least %(n)s characters"),
    ("x" * 129, "must be text of at most %(n)s characters"),
    ("LiMing2026", "must not be the username"),
    ("kkkkkkkkkk", "must not be one character repeated"),
    ("12345678", EASY), ("87654321", EASY), ("abcdefghij", EASY), ("HGFEDCBA", EASY), ("qwertyui", EASY),
    ("asdfghjkl", EASY), ("poiuytrewq", EASY), ("1qaz2wsx", EASY), ("34567890", EASY), ("12121212", EASY),
    ("abcabcab", EASY), ("12341234", EASY), ("Password1", EASY), ("woaini1314", EASY),
    ("tab\there-pass", "must not contain control characters"),
])
def test_weak_passwords_are_refused_naming_the_reason(password, message):
    with pytest.raises(InvalidInput) as refused:
        check_password(password, "LiMing2026")
    assert (refused.value.field, refused.value.message) == ("password", message)


def test_the_field_is_the_forms(app):
    with pytest.raises(InvalidInput) as refused:
        check_password("1234", "li", field="new_password")
    assert refused.value.field == "new_password"
    with app.test_request_context(headers={"Accept-Language": "zh-CN"}):
        assert refused.value.reason() == "至少需要 8 个字符"
