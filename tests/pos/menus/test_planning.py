"""Planning, pinning, swapping and publishing a week on the demo catalog."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select, update

import menu
from pos.db import get_db, read_session
from pos.dishes.models import Dish
from pos.errors import Conflict
from pos.menus import services, settings, stored
from pos.menus.catalog import load_catalog
from pos.menus.models import MenuSlot, MenuWeek
from tests.pos.menus.conftest import WEEK

MONDAY, TUESDAY = date(2026, 11, 30), date(2026, 12, 1)


def week_slots(database, week: str = WEEK) -> dict[tuple[date, str, str], tuple[int, bool]]:
    """The stored week: (day, period, slot) -> (dish id, pinned)."""
    with database.reader() as session:
        rows = session.execute(select(MenuSlot).join(MenuWeek).where(MenuWeek.week == week)).scalars()
        return {(s.day, s.meal_period, s.slot): (s.dish_id, s.pinned) for s in rows}


def checked(app, database, week: str = WEEK) -> list[menu.Problem]:
    with app.app_context(), database.reader() as session:
        return services.check(session, stored.get_week(session, week))


def test_a_three_meal_week_on_the_demo_catalog_passes_the_checker(app, database, plan):
    report = plan(periods=None)  # the serving hours': breakfast, lunch and dinner
    assert report["status"] in ("optimal", "feasible")
    assert report["periods"] == ["breakfast", "lunch", "dinner"]
    assert report["gap_percent"] is not None and report["summary"]["zh_CN"]
    assert len(week_slots(database)) == 7 * (4 + 5 + 4)
    assert menu.hard_problems(checked(app, database)) == []
    with database.reader() as session:
        assert session.scalar(select(MenuWeek.status).where(MenuWeek.week == WEEK)) == "draft"


def test_pinned_dish_survives_replanning(app, database, plan, catalog):
    plan()
    position = (TUESDAY, "lunch", "meat")
    chosen = next(code for code in ("M01", "M02", "M03", "M05") if catalog[code] != week_slots(database)[position][0])
    with app.app_context():
        services.swap(get_db(), WEEK, *position, catalog[chosen])  # a swap pins the manager's choice
    assert week_slots(database)[position] == (catalog[chosen], True)
    report = plan()
    assert report["status"] in ("optimal", "feasible") and report["pins"] == 1
    assert week_slots(database)[position] == (catalog[chosen], True)
    assert menu.hard_problems(checked(app, database)) == []


def test_unpinned_slot_is_free_again(app, database, plan):
    plan()
    position = (MONDAY, "lunch", "vegetable")
    with app.app_context():
        services.pin(get_db(), WEEK, *position, pinned=True)
        assert week_slots(database)[position][1] is True
        services.pin(get_db(), WEEK, *position, pinned=False)
    assert week_slots(database)[position][1] is False


def test_swap_that_repeats_a_dish_is_flagged(app, database, plan):
    plan()
    slots = week_slots(database)
    monday_meat = slots[(MONDAY, "lunch", "meat")][0]
    with app.app_context():
        problems = services.swap(get_db(), WEEK, TUESDAY, "lunch", "meat", monday_meat)
    assert "repeated_dish" in [p["code"] for p in problems]
    [repeat] = [p for p in problems if p["code"] == "repeated_dish"]
    assert "周一" in repeat["zh_CN"] and "周二" in repeat["zh_CN"]
    with app.app_context(), pytest.raises(Conflict):
        services.publish(get_db(), WEEK)  # broken rules are not published by accident
    with app.app_context():
        services.publish(get_db(), WEEK, force=True)


def test_published_week_is_not_replanned(app, plan):
    plan()
    with app.app_context():
        services.publish(get_db(), WEEK)
    with pytest.raises(Conflict, match="published"):
        plan()


def test_rotation_memory_keeps_weekdays_apart_from_last_week(app, database, plan):
    plan("2026-W48")
    plan(WEEK)
    with app.app_context(), database.reader() as session:
        rules = settings.load_rules(session, (menu.MealPeriod.LUNCH,))
        last = stored.stored_plan(session, stored.get_week(session, "2026-W48"))
        this = stored.stored_plan(session, stored.get_week(session, WEEK))
        catalog = {d.code: d for d in load_catalog(session, date(2026, 11, 30)).dishes}
    repeated = {(p.day, p.code) for p in this.placements} & {(p.day, p.code) for p in last.placements}
    assert all(catalog[code].category in rules.repeatable for _, code in repeated)


def test_too_few_coarse_staples_is_explained_in_the_managers_words(app, database, plan):
    with database.unit_of_work() as session:
        coarse = [d for d in session.scalars(select(Dish)) if d.attributes.get("category") == "staple"
                  and d.attributes.get("grain") in ("coarse", "whole")]
        session.execute(update(Dish).where(Dish.id.in_([d.id for d in coarse[1:]])).values(active=False))
    report = plan()
    assert report["status"] == "infeasible"
    messages = [p["zh_CN"] for p in report["problems"]]
    assert any("粗杂粮主食" in m and "请增加" in m for m in messages), messages
    assert not any("INFEASIBLE" in m or "status" in m for m in messages)
    assert week_slots(database) == {}


def test_soft_shortfall_still_gives_a_plan_with_the_shortfall_listed(app, database, plan, monkeypatch):
    targets = (menu.NutrientTarget(menu.Nutrient.ENERGY, 5000, None, None),)
    real = settings.load_rules
    monkeypatch.setattr(settings, "load_rules", lambda session, periods: replace(real(session, periods),
                                                                                  nutrition=targets))
    report = plan()
    assert report["status"] in ("optimal", "feasible")
    assert [p["code"] for p in report["problems"]] == ["nutrient_low"]
    assert "低于目标" in report["problems"][0]["zh_CN"]
    assert week_slots(database)


def test_sales_make_a_dish_more_popular(app, database, catalog):
    from pos.menus.catalog import with_sales_popularity

    with app.app_context(), database.reader() as session:
        dishes = list(load_catalog(session, date(2026, 11, 30)).dishes)
    before = {d.code: d.popularity for d in dishes}
    after = {d.code: d.popularity for d in with_sales_popularity(dishes, {"M04": 50, "M01": 5, "ST01": 10})}
    assert after["M04"] > before["M04"] and after["M01"] < before["M01"]
    assert after["ST01"] >= before["ST01"]  # the best-selling staple, though fewer than the best meat dish
    assert after["M02"] == before["M02"]


def test_replanning_without_pins_frees_them(app, database, plan):
    plan()
    position = (MONDAY, "lunch", "meat")
    with app.app_context():
        services.pin(get_db(), WEEK, *position)
        services.plan_week(get_db(), read_session(), WEEK, keep_pins=False, time_limit_s=1.0)
    assert not any(pinned for _, pinned in week_slots(database).values())


def test_demo_week_is_planned_and_published_in_the_loaders_transaction(app, database):
    from pos.demo.loader import add_dishes

    with app.app_context(), database.unit_of_work() as session:
        add_dishes(session)
        report = services.plan_demo_week(session, date(2026, 12, 2), time_limit_s=2.0)
    assert report["status"] in ("optimal", "feasible")
    with database.reader() as session:
        assert session.scalar(select(MenuWeek.status).where(MenuWeek.week == WEEK)) == "published"
    assert len(week_slots(database)) == 7 * 13
