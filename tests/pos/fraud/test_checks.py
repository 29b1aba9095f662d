"""Each fraud check finds the pattern planted in an ordinary month, with its evidence; the ordinary month raises
nothing at all."""
from __future__ import annotations

import time

from tests.pos.fraud.conftest import OCTOBER


def test_an_ordinary_month_raises_nothing(world):
    started = time.perf_counter()
    world.history()
    world.month(OCTOBER)
    print("generated", time.perf_counter() - started)
    report = world.report()
    assert [(check, found) for check, found in report.by_check()] == [
        ("after_leaving", []), ("double_meal", []), ("card_surge", []), ("identity_share", []),
        ("closed_hours", []), ("cashier_share", [])]
