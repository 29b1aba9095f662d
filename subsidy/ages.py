"""Age in full years, as subsidy rules count it."""
from __future__ import annotations

from datetime import date


def age_on(birth_date: date, on_date: date) -> int:
    """Full years of age on on_date; the birthday counts (Feb 29 births: Mar 1 in common years)."""
    if on_date < birth_date:
        raise ValueError(f"{on_date} is before the birth date {birth_date}")
    # Tuple comparison: someone born Feb 29 has not had a birthday by Feb 28
    # of a common year, and has by Mar 1.
    before_birthday = (on_date.month, on_date.day) < (birth_date.month, birth_date.day)
    return on_date.year - birth_date.year - before_birthday
