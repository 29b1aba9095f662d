"""Each fraud check finds the pattern planted in an ordinary month, with its exact evidence; the ordinary month
raises nothing at all."""
from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from pos.audit import SYSTEM
from pos.canteens.services import ensure_canteen
from pos.fraud.findings import Finding
from pos.residents.services import change_status
from pos.sales.services import void_by
from pos.servicerecords.models import ServiceRecord
from tests.pos.fraud.conftest import OCTOBER, World
from tests.pos.fraud.planting import Kitchen
from tests.support.selling import local

OCTOBER_DAYS = [date(2026, 10, d) for d in range(1, 32)]


def found(world: World) -> list[tuple[str, str]]:
    return [(f.check, f.key) for f in world.report().findings]


def receipts(finding: Finding) -> list[str]:
    return [meal.receipt_no for meal in finding.meals]


def planted(world: World, *keys: tuple[object, date]) -> list[str]:
    return [world.meals[key].receipt_no for key in keys]


def test_an_ordinary_month_raises_nothing(world, database):
    world.history()
    world.month(OCTOBER)
    assert [(check, found) for check, found in world.report().by_check()] == [
        ("after_leaving", []), ("double_meal", []), ("card_surge", []), ("identity_share", []),
        ("closed_hours", []), ("cashier_share", [])]
    with database.reader() as session:  # above every floor, so the rules were put to work
        per_cashier = dict(session.execute(select(ServiceRecord.staff_id, func.count()).where(
            ServiceRecord.day >= OCTOBER.first).group_by(ServiceRecord.staff_id)).all())
        history = session.scalar(select(func.count()).where(ServiceRecord.day < OCTOBER.first,
                                                            ServiceRecord.resident_id.is_not(None)))
    assert sorted(per_cashier.values()) == [60, 60, 66] and history == 368


def test_meals_after_a_death_are_found_but_not_voided_ones_nor_the_day_itself(world, make, database):
    world.history()
    world.month(OCTOBER)
    change_status(database, world.residents[0], "deceased", date(2026, 10, 28), SYSTEM)
    change_status(database, world.residents[1], "moved_away", date(2026, 10, 31), SYSTEM)  # ate on the 31st itself
    void_by(database, world.meals[(0, date(2026, 10, 31))].sale_id, "ate nothing", make.user("经理", "manager"),
            local(date(2026, 10, 31), 13))
    [finding] = world.report().findings
    assert finding == Finding("after_leaving", f"2026-10:r{world.residents[0]}", resident_id=world.residents[0],
                              figures={"status": "deceased", "status_date": "2026-10-28", "meals": 2,
                                       "first_day": "2026-10-29", "last_day": "2026-10-30"},
                              meals=finding.meals)
    assert receipts(finding) == planted(world, (0, date(2026, 10, 29)), (0, date(2026, 10, 30)))
    assert [(m.resident_id, m.served_at, m.staff_id, m.subsidy_fen) for m in finding.meals] == [
        (world.residents[0], local(date(2026, 10, 29), 11, 30), world.cashiers[world.cashier_on(date(2026, 10, 29))],
         200),
        (world.residents[0], local(date(2026, 10, 30), 11, 30), world.cashiers[world.cashier_on(date(2026, 10, 30))],
         200)]


def test_two_subsidised_meals_in_one_period_across_terminals_and_canteens(world, make, database):
    world.history()
    world.month(OCTOBER)
    with database.unit_of_work() as session:
        east_id = ensure_canteen(session, "东关社区食堂", "east").id
    east = Kitchen(database, world.kitchen.dish_id, canteen_id=east_id)
    tenth, twelfth, sixteenth = date(2026, 10, 10), date(2026, 10, 12), date(2026, 10, 16)
    other = (world.cashier_on(tenth) + 1) % 3
    again = world.kitchen.serve(world.residents[1], local(tenth, 12, 40), "lunch", "card", world.cashiers[other],
                                world.terminals[other])
    elsewhere = east.serve(world.residents[2], local(twelfth, 12, 30), "lunch", "card")
    world.kitchen.serve(world.residents[3], local(date(2026, 10, 14), 12, 45), subsidy_fen=0)  # paid in full
    void = world.kitchen.serve(world.residents[3], local(date(2026, 10, 15), 12, 45))
    void_by(database, void.sale_id, "rung twice", make.user("经理", "manager"), local(date(2026, 10, 15), 13))
    east.serve(world.residents[0], local(sixteenth, 17, 0), "dinner")  # twice at the other canteen only: its
    east.serve(world.residents[0], local(sixteenth, 18, 0), "dinner")  # own report's
    first, second = world.report().findings
    assert (first.check, first.key, first.resident_id, first.figures) == (
        "double_meal", f"r{world.residents[1]}:2026-10-10:lunch", world.residents[1],
        {"day": "2026-10-10", "meal_period": "lunch", "meals": 2, "canteens": 1, "terminals": 2})
    assert receipts(first) == [world.meals[(1, tenth)].receipt_no, again.receipt_no]
    assert [m.terminal_id for m in first.meals] == [world.terminals[world.cashier_on(tenth)], world.terminals[other]]
    assert (second.check, second.key, second.figures) == (
        "double_meal", f"r{world.residents[2]}:2026-10-12:lunch",
        {"day": "2026-10-12", "meal_period": "lunch", "meals": 2, "canteens": 2, "terminals": 1})
    assert [(m.receipt_no, m.canteen_id) for m in second.meals] == [
        (world.meals[(2, twelfth)].receipt_no, 1), (elsewhere.receipt_no, east_id)]
    assert world.report().canteens == {1: "测试食堂", east_id: "东关社区食堂"}


def test_a_card_used_twice_as_often_as_its_history(world, make):
    world.history()
    light = make.resident("钱light", born=date(1950, 3, 15))
    newcomer = make.resident("孙新来", born=date(1950, 3, 15))
    dinners = []
    with world.kitchen.batch():
        for month in (7, 8, 9):  # two lunches a month before, nineteen now: below the floor of 20
            for day in (3, 4):
                world.kitchen.serve(light, local(date(2026, month, day), 12, 50))
        for day in OCTOBER_DAYS:
            dinners.append(world.kitchen.serve(world.residents[2], local(day, 17, 30), "dinner"))  # and lunch
            if day.day <= 19:
                world.kitchen.serve(light, local(day, 12, 50))
            if day.day <= 20:  # new here: forty card meals, no history to compare with
                world.kitchen.serve(newcomer, local(day, 12, 55))
                world.kitchen.serve(newcomer, local(day, 17, 55), "dinner")
    world.month(OCTOBER)
    [finding] = world.report().findings
    assert (finding.check, finding.key, finding.resident_id, finding.figures) == (
        "card_surge", f"2026-10:r{world.residents[2]}", world.residents[2],
        {"card_meals": 62, "history": {"2026-07": 31, "2026-08": 31, "2026-09": 30}, "average": 30.7})
    assert [(m.day, m.meal_period, m.identified) for m in finding.meals] == [
        (day, period, "card") for day in OCTOBER_DAYS[:10] for period in ("lunch", "dinner")]
    assert receipts(finding)[:4] == [world.meals[(2, OCTOBER_DAYS[0])].receipt_no, dinners[0].receipt_no,
                                     world.meals[(2, OCTOBER_DAYS[1])].receipt_no, dinners[1].receipt_no]


def test_identity_checks_far_above_the_canteens_usual_share_and_the_cashier_behind_them(world):
    world.history()
    busy = 1  # the second cashier settles everyone by ID card, or as collected by a proxy, on their days
    world.month(OCTOBER, identified=lambda i, day: ("proxy" if i % 2 else "identity_check") if world.cashier_on(day) == busy
                else "identity_check" if i == 3 and day.day % 10 == 5 else "card")
    theirs = [d for d in OCTOBER_DAYS if world.cashier_on(d) == busy]
    usual = [d for d in OCTOBER_DAYS if d.day % 10 == 5 and world.cashier_on(d) != busy]
    ways = 4 * len(theirs) + len(usual)
    canteen, cashier = world.report().findings
    history = {"usual_meals": 368, "usual_ways": 9, "usual_share": 2.4}
    assert (canteen.check, canteen.key, canteen.staff_id, canteen.figures) == (
        "identity_share", "2026-10:canteen", None,
        {"meals": 124, "ways": ways, "share": round(ways / 124 * 100, 1), **history})
    assert (cashier.check, cashier.key, cashier.staff_id, cashier.figures) == (
        "identity_share", f"2026-10:s{world.cashiers[busy]}", world.cashiers[busy],
        {"meals": 4 * len(theirs), "ways": 4 * len(theirs), "share": 100.0, **history})
    assert len(cashier.meals) == 20 and receipts(cashier)[:4] == planted(world, *((i, theirs[0]) for i in range(4)))
    assert {m.identified for m in canteen.meals} == {"identity_check", "proxy"}


def test_subsidised_meals_while_the_canteen_is_closed(world, make):
    world.history()
    world.month(OCTOBER)
    late = make.resident("周晚来", born=date(1950, 3, 15))
    staff, terminal = world.cashiers[0], world.terminals[0]
    eighth, ninth, tenth = date(2026, 10, 8), date(2026, 10, 9), date(2026, 10, 10)
    world.kitchen.serve(late, local(eighth, 13, 45), "lunch", "card", staff, terminal)  # closes 13:30: in the grace
    after_lunch = world.kitchen.serve(late, local(ninth, 13, 46), "lunch", "card", staff, terminal)
    at_night = world.kitchen.serve(late, local(ninth, 22, 5), "dinner", "card", staff, terminal)
    world.kitchen.serve(late, local(tenth, 6, 15), "breakfast", "card", staff, terminal)  # opens 06:30
    world.kitchen.serve(None, local(ninth, 23, 0), "dinner", staff_id=staff, terminal_id=terminal)  # not subsidised
    dinner, lunch = world.report().findings
    assert (dinner.check, dinner.key, dinner.staff_id, dinner.figures) == (
        "closed_hours", f"2026-10-09:dinner:s{staff}", staff,
        {"day": "2026-10-09", "meal_period": "dinner", "meals": 1, "hours": "16:30-19:00", "grace_minutes": 15})
    assert [(m.receipt_no, m.served_at) for m in dinner.meals] == [(at_night.receipt_no, local(ninth, 22, 5))]
    assert (lunch.key, lunch.figures["hours"], receipts(lunch)) == (
        f"2026-10-09:lunch:s{staff}", "10:30-13:30", [after_lunch.receipt_no])


def test_a_meal_period_the_canteen_does_not_serve_is_closed_all_day(world, make):
    make.canteen_settings(hours={"lunch": "10:30-13:30", "dinner": "16:30-19:00"})
    world.month(OCTOBER)
    breakfast = world.kitchen.serve(world.residents[0], local(date(2026, 10, 3), 7, 30), "breakfast")
    [finding] = world.report().findings
    assert (finding.key, finding.staff_id, finding.figures["hours"], receipts(finding)) == (
        "2026-10-03:breakfast:s0", None, "", [breakfast.receipt_no])


def test_a_cashier_whose_subsidised_share_stands_out(world, make):
    world.history()
    friends = [make.resident(name, born=date(1950, 3, 15)) for name in ("吴友", "郑友")]
    outlier = 2  # rings up their two friends' subsidised lunches where the others serve two walk-ins
    world.month(OCTOBER, walk_in=lambda w, day: friends[w] if world.cashier_on(day) == outlier else None)
    theirs = [d for d in OCTOBER_DAYS if world.cashier_on(d) == outlier]
    others = 31 - len(theirs)
    [finding] = world.report().findings
    assert (finding.check, finding.key, finding.staff_id, finding.figures) == (
        "cashier_share", f"2026-10:s{world.cashiers[outlier]}", world.cashiers[outlier],
        {"meals": 6 * len(theirs), "subsidised": 6 * len(theirs), "share": 100.0, "others_meals": 6 * others,
         "others_subsidised": 4 * others, "others_share": 66.7})
    assert receipts(finding)[:6] == planted(world, *((i, theirs[0]) for i in range(4)),
                                            *((f"w{w}", theirs[0]) for w in range(2)))
