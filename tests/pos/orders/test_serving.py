"""Serving a booked meal moves money once: at the rules in force then, the order as its idempotency key."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from pos.errors import CanteenError
from pos.integrity.verify import verify_ledger
from pos.ledger.posting import wallet_of
from pos.orders import services
from pos.orders.models import MealOrder
from pos.orders.serving import AtCounter, serve_order
from pos.sales.models import Sale
from pos.servicerecords.models import ServiceRecord
from tests.pos.orders.conftest import DAY, at, booked, counts
from tests.support.races import at_once, writers_in_step

TZ = "Asia/Shanghai"
NOON = at(DAY, 12)



def serve(database, order_id, when=NOON):
    return serve_order(database, order_id, None, None, when, TZ, "zh_CN")


def balance(database, resident_id) -> int:
    with database.unit_of_work() as session:
        return wallet_of(session, resident_id).balance_fen


def test_serving_settles_the_meal_from_the_wallet_and_marks_the_order(database, kitchen):
    order_id = booked(database, kitchen)
    answer = serve(database, order_id)
    sale = answer.payload["sale"]
    assert (answer.replayed, answer.payload["order"]["status"], answer.payload["order"]["sale_id"]) == (
        False, "served", sale["sale_id"])
    assert (sale["total_fen"], sale["subsidy_fen"], sale["paid_fen"], sale["balance_after_fen"]) == (
        1200, 200, 1000, 4000)
    assert balance(database, kitchen.resident) == 4000
    with database.unit_of_work() as session:
        row = session.get_one(Sale, sale["sale_id"])
        assert (row.credential_kind, row.credential_ref, row.meal_period, row.channel, row.payment_method) == (
            "booking", f"order:{order_id}", "lunch", "dine_in", "wallet")
        assert verify_ledger(session).violations == []


def test_a_booked_meal_collected_by_someone_else_keeps_their_name(database, kitchen):
    order_id = booked(database, kitchen)
    answer = serve_order(database, order_id, None, None, NOON, TZ, "zh_CN", counter=AtCounter(proxy_name="王芳"))
    with database.unit_of_work() as session:
        record = session.scalars(select(ServiceRecord).where(
            ServiceRecord.sale_id == answer.payload["sale"]["sale_id"])).one()
        assert (record.identified, record.proxy_name) == ("proxy", "王芳")


def test_serving_twice_charges_once(database, kitchen):
    order_id = booked(database, kitchen)
    first, again = serve(database, order_id), serve(database, order_id, NOON + timedelta(seconds=5))
    assert (first.replayed, again.replayed, again.payload) == (False, True, first.payload)
    assert counts(database) == (1, 2, 1)
    assert balance(database, kitchen.resident) == 4000


def test_a_cancelled_order_is_never_charged(database, kitchen):
    order_id = booked(database, kitchen)
    services.cancel(database, order_id, kitchen.staff, at(DAY, 9), TZ, "zh_CN")
    with pytest.raises(CanteenError) as caught:
        serve(database, order_id)
    assert (caught.value.code, str(caught.value)) == (
        "order_not_booked", "this order is 已取消; only a booked meal can be cancelled or served")
    assert counts(database)[2] == 0
    assert balance(database, kitchen.resident) == 5000


def test_an_order_is_served_on_its_own_day_only(database, kitchen):
    order_id = booked(database, kitchen)
    with pytest.raises(CanteenError) as caught:
        serve(database, order_id, at(DAY - timedelta(days=1), 12))
    assert (caught.value.code, str(caught.value)) == ("order_not_today", "this order is for 午餐 on 2026-12-10, not today")
    assert counts(database)[2] == 0


def test_a_wallet_short_of_the_meal_is_refused_and_the_order_stays_booked(database, kitchen, make):
    poor = make.resident(name="李建国", balance_fen=500)
    order_id = booked(database, kitchen, resident_id=poor)
    with pytest.raises(CanteenError) as caught:
        serve(database, order_id)
    assert caught.value.status == 402
    with database.unit_of_work() as session:
        assert session.get_one(MealOrder, order_id).status == "booked"
    assert counts(database)[2] == 0
    assert balance(database, poor) == 500


def test_two_counters_serving_the_same_order_at_once_charge_once(database, kitchen):
    order_id = booked(database, kitchen)
    with writers_in_step(database, 2):
        answers = at_once([lambda: serve(database, order_id), lambda: serve(database, order_id)])
    assert sorted(a.replayed for a in answers) == [False, True]
    assert answers[0].payload == answers[1].payload
    with database.unit_of_work() as session:
        assert len(session.scalars(select(Sale)).all()) == 1
        assert verify_ledger(session).violations == []
    assert balance(database, kitchen.resident) == 4000


def test_the_meal_is_charged_at_the_rules_in_force_when_served_not_when_booked(database, kitchen):
    from pos.policies.services import store_policy
    from tests.factories import DEMO_POLICY

    order_id = booked(database, kitchen)
    with database.unit_of_work() as session:
        assert services.quote_order(session, order_id, at(DAY, 8), TZ).subsidy_fen == 200
    richer = (DEMO_POLICY.read_text(encoding="utf-8").replace('version = "2026.1"', 'version = "2026.2"')
              .replace("effective_from = 2026-01-01", f"effective_from = {DAY.isoformat()}")
              .replace('age_max = 80\nmin_spend_fen = 1000\nsubsidy_fen = 200', 'age_max = 80\nmin_spend_fen = 1000\n'
                                                                               'subsidy_fen = 300'))
    with database.unit_of_work() as session:
        store_policy(session, richer)
    sale = serve(database, order_id).payload["sale"]
    assert (sale["total_fen"], sale["subsidy_fen"], sale["paid_fen"]) == (1200, 300, 900)
    assert sale["subsidy_lines"][0]["policy_version"] == "yaodu-demo/2026.2"


def test_a_cashier_the_shift_rule_refuses_serves_nothing(database, kitchen):
    from pos.errors import Conflict

    def no_shift(_session, cashier_id):
        raise Conflict("open a shift first", code="no_shift")

    order_id = booked(database, kitchen)
    with pytest.raises(CanteenError) as caught:
        serve_order(database, order_id, None, None, NOON, TZ, "zh_CN", no_shift)
    assert caught.value.code == "no_shift"
    assert counts(database)[2] == 0
    assert serve(database, order_id).replayed is False  # the refusal kept no claim on the order's key
