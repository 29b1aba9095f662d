"""The kitchen's counts equal the live orders exactly: set meals count each of their dishes, cancelled and
not-served orders count nothing, and the orders to watch name the dishes holding a resident's allergens."""
from __future__ import annotations

import random
from collections import Counter
from datetime import timedelta

from sqlalchemy import func, select

from pos.kitchen.counts import count_kitchen
from pos.kitchen.textures import texture_of
from pos.orders.models import MealOrder, MealOrderLine
from pos.residents.models import Resident
from pos.sales.orders import OrderItem
from tests.pos.kitchen.conftest import book, needs
from tests.pos.orders.conftest import DAY


def counted(database, day=DAY, period="lunch"):
    with database.unit_of_work() as session:
        return count_kitchen(session, day, period)


def direct(database, day=DAY, period="lunch") -> tuple[int, dict[tuple[int, str], int]]:
    """Live orders and portions per (dish, texture), counted straight from the rows."""
    live = (MealOrder.day == day, MealOrder.meal_period == period, MealOrder.status.in_(("booked", "served")))
    with database.unit_of_work() as session:
        orders = session.scalar(select(func.count()).select_from(MealOrder).where(*live))
        rows = session.execute(select(MealOrderLine.dish_id, MealOrder.resident_id, func.sum(MealOrderLine.qty))
                               .join(MealOrder, MealOrder.id == MealOrderLine.order_id).where(*live)
                               .group_by(MealOrderLine.dish_id, MealOrder.resident_id)).all()
        diets = {rid: diet for rid, diet in session.execute(select(Resident.id, Resident.diet))}
        portions: Counter[tuple[int, str]] = Counter()
        for dish_id, resident_id, qty in rows:
            portions[dish_id, texture_of(diets[resident_id])] += qty
    return orders, dict(portions)


def test_meals_by_texture_and_channel(database, lunch):
    counts = counted(database)
    assert counts.meals == 4
    assert counts.meals_by_texture == {"normal": 2, "soft": 1, "minced": 1}
    assert counts.meals_by_channel == {"dine_in": 1, "pick_up": 1, "delivery": 2}


def test_portions_per_dish_and_texture_in_serving_order(database, lunch):
    counts = counted(database)
    assert [(d.name, d.portions, d.by_texture) for d in counts.dishes] == [
        ("清蒸鲈鱼", 3, {"normal": 1, "soft": 1, "minced": 1}),
        ("红烧肉", 4, {"normal": 1, "soft": 1, "minced": 2}),
        ("清炒油菜", 3, {"normal": 2, "soft": 1, "minced": 0}),
        ("紫菜蛋花汤", 2, {"normal": 1, "soft": 1, "minced": 0})]
    assert (counts.portions, counts.portions_by_texture) == (12, {"normal": 5, "soft": 4, "minced": 3})


def test_orders_to_watch_conflicts_first(database, lunch):
    flagged = [(o.resident_name, o.channel, o.diet, o.allergens, o.conflicts) for o in counted(database).flagged]
    assert flagged == [
        ("王秀英", "delivery", ("low_salt", "soft"), ("soy",), (lunch.pork,)),
        ("陈芳", "delivery", (), ("fish",), ()),
        ("李建国", "pick_up", ("soft", "minced"), (), ())]
    assert counted(database).flagged[0].order_id == lunch.orders["王秀英"]


def test_the_counts_equal_a_direct_count(database, lunch):
    counts = counted(database)
    orders, portions = direct(database)
    assert counts.meals == orders == 4
    assert {(d.dish_id, t): n for d in counts.dishes for t, n in d.by_texture.items() if n} == portions


def test_other_meals_and_days_are_their_own(database, lunch):
    dinner, tomorrow = counted(database, period="dinner"), counted(database, DAY + timedelta(days=1))
    assert (dinner.meals, [(d.name, d.portions) for d in dinner.dishes]) == (1, [("红烧肉", 1)])
    assert (tomorrow.meals, tomorrow.meals_by_channel["dine_in"], tomorrow.portions) == (1, 1, 1)
    empty = counted(database, period="breakfast")
    assert (empty.meals, empty.dishes, empty.flagged, empty.portions_by_texture) == (
        0, (), (), {"normal": 0, "soft": 0, "minced": 0})


def test_many_random_orders_equal_a_direct_count(database, lunch, make):
    rng = random.Random(16)
    diets = [[], ["soft"], ["minced"], ["soft", "minced"], ["diabetic"], ["low_salt", "soft"]]
    dishes = [lunch.pork, lunch.fish, lunch.greens, lunch.soup]
    for n in range(40):
        resident = make.resident(name=f"居民{n}", balance_fen=0)
        needs(database, resident, rng.choice(diets), rng.choice([[], ["soy"], ["egg", "fish"]]))
        items = () if n % 3 == 0 else tuple(OrderItem(d, rng.randint(1, 3)) for d in rng.sample(dishes, 2))
        book(database, resident, rng.choice(["dine_in", "pick_up", "delivery"]), items)
    counts = counted(database)
    orders, portions = direct(database)
    assert counts.meals == orders == 44
    assert sum(counts.meals_by_texture.values()) == sum(counts.meals_by_channel.values()) == 44
    assert {(d.dish_id, t): n for d in counts.dishes for t, n in d.by_texture.items() if n} == portions


def test_texture_is_the_finest_the_diet_asks_for():
    assert [texture_of(d) for d in ([], ["diabetic"], ["soft"], ["minced", "low_salt"], ["soft", "minced"])] == [
        "normal", "normal", "soft", "minced", "minced"]
