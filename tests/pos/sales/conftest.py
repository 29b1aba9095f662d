"""A day of sales at two counters, sold at their own moments, for the back office's sales pages."""
from __future__ import annotations

import pytest

from tests.support.selling import DAY, Day, a_day_of_sales

__all__ = ["DAY", "day_of_sales"]


@pytest.fixture
def day_of_sales(app, make) -> Day:
    """Four sales on DAY at two counters and one on the next day (tests.support.selling.a_day_of_sales)."""
    return a_day_of_sales(app, make)
