"""`canteen menu plan` and `canteen menu publish`."""
from __future__ import annotations

from sqlalchemy import select

from pos.menus.models import MenuSlot, MenuWeek
from tests.pos.menus.conftest import WEEK


def test_plan_then_publish_from_the_command_line(runner, database, catalog):
    result = runner.invoke(args=["menu", "plan", "--week", WEEK, "--periods", "lunch,dinner", "--seconds", "1.5"])
    assert result.exit_code == 0, result.output
    assert WEEK in result.output and ("最优" in result.output)
    result = runner.invoke(args=["menu", "publish", "--week", WEEK, "--force"])
    assert result.exit_code == 0, result.output
    with database.reader() as session:
        assert session.scalar(select(MenuWeek.status).where(MenuWeek.week == WEEK)) == "published"
        periods = set(session.scalars(select(MenuSlot.meal_period)))
    assert periods == {"lunch", "dinner"}
    result = runner.invoke(args=["menu", "unpublish", "--week", WEEK])
    assert result.exit_code == 0 and result.output == f"{WEEK}: draft again\n"
    with database.reader() as session:
        assert session.scalar(select(MenuWeek.status).where(MenuWeek.week == WEEK)) == "draft"


def test_bad_week_and_unplanned_publish_are_refused_plainly(runner, catalog):
    result = runner.invoke(args=["menu", "plan", "--week", "49"])
    assert result.exit_code == 2 and "2026-W49" in result.output
    result = runner.invoke(args=["menu", "publish", "--week", WEEK])
    assert result.exit_code == 1 and WEEK in result.output
