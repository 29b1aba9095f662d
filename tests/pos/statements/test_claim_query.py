"""The SQL age used for the claim's age bands agrees with the policy engine's age_on, on each database."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Date, literal, select

from pos.errors import InvalidInput
from pos.statements.claim_query import age_in_years
from pos.statements.periods import Month, parse_month
from subsidy.ages import age_on

CASES = [(date(2027, 2, 28), date(2024, 2, 29)), (date(2027, 3, 1), date(2024, 2, 29)),
         (date(2026, 6, 1), date(1951, 6, 1)), (date(2026, 5, 31), date(1951, 6, 1)),
         (date(2026, 12, 31), date(1936, 1, 1)), (date(2026, 1, 1), date(1936, 12, 31))]


@pytest.mark.parametrize(("day", "born"), CASES)
def test_sql_age_equals_age_on(database, day, born):
    with database.unit_of_work() as session:
        got = session.scalar(select(age_in_years(literal(day, Date), literal(born, Date))))
    assert int(got) == age_on(born, day)


def test_months_parse_and_bound():
    assert parse_month("2026-12") == Month(2026, 12)
    assert (Month(2026, 12).next_first, Month(2026, 12).last) == (date(2027, 1, 1), date(2026, 12, 31))
    for bad in ("2026-13", "2026/11", "", None):
        with pytest.raises(InvalidInput):
            parse_month(bad)
