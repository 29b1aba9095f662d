"""The "not seen" list: who the canteen expects and has not seen for the canteen's number of days."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import update

from pos.alerts.not_seen import Gap, Habit, NotSeen, gap_of, not_seen
from pos.residents.models import Resident
from pos.sales.services import void_by
from tests.pos.alerts.conftest import TODAY, contacts, order
from tests.support.selling import local


def ago(n: int) -> date:
    return TODAY - timedelta(days=n)


def days(first: int, last: int) -> set[date]:
    """The days from `first` days ago to `last` days ago."""
    return {ago(n) for n in range(last, first + 1)}


# The rule on plain facts: days seen, days booked.

def test_a_daily_eater_who_stopped_two_days_ago_has_a_gap_of_two():
    assert gap_of(days(9, 2), set(), TODAY, 2) == Gap(ago(2), 2, "habit")


def test_one_who_ate_yesterday_or_today_has_no_gap():
    assert gap_of(days(9, 1), set(), TODAY, 2) is None
    assert gap_of(days(9, 0), set(), TODAY, 2) is None


def test_the_canteen_s_number_of_days_decides():
    assert gap_of(days(9, 2), set(), TODAY, 3) is None
    assert gap_of(days(9, 3), set(), TODAY, 3) == Gap(ago(3), 3, "habit")


def test_a_habit_is_four_of_the_seven_days_before_the_gap():
    four = {ago(3), ago(5), ago(7), ago(9)}  # four days within the seven ending 3 days ago
    assert gap_of(four, set(), TODAY, 2) == Gap(ago(3), 3, "habit")
    assert gap_of(four - {ago(9)}, set(), TODAY, 2) is None  # three: not a habit
    assert gap_of({ago(3), ago(5), ago(7), ago(10)}, set(), TODAY, 2) is None  # the fourth is eight days before
    assert gap_of({ago(3), ago(4), ago(5)}, set(), TODAY, 2, Habit(days=3, window=5)) == Gap(ago(3), 3, "habit")


def test_nobody_who_never_ate_or_booked():
    assert gap_of(set(), set(), TODAY, 2) is None


def test_a_booking_makes_a_resident_expected():
    assert gap_of({ago(12)}, {ago(1)}, TODAY, 2) == Gap(ago(12), 12, "booking")
    # Never seen: the gap counts from the day before the first booked day of the week.
    assert gap_of(set(), {ago(2), ago(1)}, TODAY, 2) == Gap(None, 3, "booking")
    assert gap_of(set(), {TODAY}, TODAY, 2) is None  # booked for today: not a day missed yet
    assert gap_of(set(), {ago(7)}, TODAY, 2) is None  # a booking more than a week ago


def test_the_list_looks_back_thirty_days():
    month = days(40, 31)
    assert gap_of(month, set(), TODAY, 2) is None
    assert gap_of(month | {ago(30)}, set(), TODAY, 2) == Gap(ago(30), 30, "habit")


# The list from the database: sales, voids and orders.

def test_the_list_finds_who_stopped_eating_and_not_who_ate_yesterday_or_never(canteen, make, database):
    stopped = contacts(database, make.resident("张桂兰", born=date(1940, 2, 3), balance_fen=20_000))
    yesterday = make.resident("李秀英", born=date(1942, 5, 6), balance_fen=20_000)
    make.resident("王淑珍", born=date(1944, 7, 8))  # never ate here
    canteen.meals(make.card(stopped, "04A1B2C3"), ago(9), ago(2))
    canteen.meals(make.card(yesterday, "04A1B2C4"), ago(8), ago(1))
    with database.reader() as session:
        assert not_seen(session, TODAY, 2) == [NotSeen(
            stopped, "张桂兰", "13812345678", "新百汇社区 3号楼2单元501", "李建国", "13900001111",
            Gap(ago(2), 2, "habit"))]
        assert not_seen(session, TODAY, 3) == []


def test_a_voided_meal_or_a_delivery_nobody_answered_is_not_seen(canteen, make, database):
    zhang = make.resident("张桂兰", born=date(1940, 2, 3), balance_fen=20_000)
    card = make.card(zhang)
    canteen.meals(card, ago(8), ago(3))
    voided = canteen.till.sell(local(ago(1), 11, 30), {"card_uid": card}, (canteen.dish, 1))
    void_by(database, voided["sale_id"], "收错人", canteen.till.cashier, local(ago(1), 11, 31))
    order(database, zhang, ago(1), status="not_served")  # the rider found nobody at home
    with database.reader() as session:
        assert [(n.name, n.gap) for n in not_seen(session, TODAY, 2)] == [("张桂兰", Gap(ago(3), 3, "habit"))]


def test_a_booked_resident_never_reached_is_listed_and_a_cancelled_one_is_not(canteen, make, database):
    booked = make.resident("赵淑兰", born=date(1938, 1, 2))
    cancelled = make.resident("钱玉芬", born=date(1939, 3, 4))
    order(database, booked, ago(2), status="not_served")
    order(database, booked, ago(1), status="not_served")
    order(database, cancelled, ago(2), status="cancelled")
    with database.reader() as session:
        assert [(n.name, n.gap) for n in not_seen(session, TODAY, 2)] == [("赵淑兰", Gap(None, 3, "booking"))]


def test_residents_who_moved_away_or_died_are_not_listed(canteen, make, database):
    zhang = make.resident("张桂兰", born=date(1940, 2, 3), balance_fen=20_000)
    canteen.meals(make.card(zhang), ago(9), ago(4))
    with database.unit_of_work() as session:
        session.execute(update(Resident).where(Resident.id == zhang).values(status="deceased", status_date=ago(4)))
    with database.reader() as session:
        assert not_seen(session, TODAY, 2) == []


def test_longest_gap_first(canteen, make, database):
    three = make.resident("李秀英", born=date(1942, 5, 6), balance_fen=20_000)
    two = make.resident("张桂兰", born=date(1940, 2, 3), balance_fen=20_000)
    canteen.meals(make.card(two, "04A1B2C3"), ago(8), ago(2))
    canteen.meals(make.card(three, "04A1B2C4"), ago(9), ago(3))
    with database.reader() as session:
        assert [(n.name, n.gap.days) for n in not_seen(session, TODAY, 2)] == [("李秀英", 3), ("张桂兰", 2)]
