"""age_on counts full years; the birthday itself counts."""
from datetime import date

import pytest

from subsidy import age_on


@pytest.mark.parametrize("on, age", [
    (date(2025, 6, 1), 59),   # the day before the 60th birthday
    (date(2025, 6, 2), 60),   # the 60th birthday itself
    (date(2026, 6, 1), 60),
    (date(2026, 6, 2), 61),
])
def test_birthday_itself_counts(on, age):
    assert age_on(date(1965, 6, 2), on) == age


@pytest.mark.parametrize("on, age", [
    (date(2024, 2, 28), 79),  # leap year: the birthday exists
    (date(2024, 2, 29), 80),
    (date(2025, 2, 28), 80),  # common year: no Feb 29, the year completes on Mar 1
    (date(2025, 3, 1), 81),
])
def test_feb_29_birthday(on, age):
    assert age_on(date(1944, 2, 29), on) == age


def test_born_on_the_day_is_zero():
    assert age_on(date(2025, 1, 1), date(2025, 1, 1)) == 0


def test_a_date_before_birth_is_an_error():
    with pytest.raises(ValueError):
        age_on(date(2025, 1, 2), date(2025, 1, 1))
