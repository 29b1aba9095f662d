"""The wallet services' rules: a top-up's limit said in yuan, a payment's reference required unless cash and
never recorded twice for one method; a refusal writes nothing."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from pos.audit import AuditEntry
from pos.errors import Conflict, InvalidInput
from pos.integrity.verify import verify_ledger
from pos.ledger.models import LedgerTransaction
from pos.wallets.models import TopUp
from pos.wallets.operations import add_top_up, correct_top_up, refund_balance


def written(database) -> tuple[int, ...]:
    with database.unit_of_work() as session:
        return tuple(session.scalar(select(func.count()).select_from(m)) for m in (TopUp, LedgerTransaction,
                                                                                   AuditEntry))


def refusal(database, call) -> InvalidInput | Conflict:
    before = written(database)
    with pytest.raises((InvalidInput, Conflict)) as caught:
        with database.unit_of_work() as session:
            call(session)
    assert written(database) == before
    return caught.value


def test_the_limit_is_in_yuan(app, database, make):
    resident = make.resident()
    over = refusal(database, lambda s: add_top_up(s, resident, 500_001, "cash"))
    assert (over.field, str(over)) == ("amount_fen", "must be from 0.01 yuan to 5,000.00 yuan")
    with app.test_request_context(headers={"Accept-Language": "zh-CN"}):
        assert over.reason() == "必须在 0.01 元到 5,000.00 元之间"
        assert over.localised() == "充值金额：必须在 0.01 元到 5,000.00 元之间"


@pytest.mark.parametrize("method", ["wechat", "alipay", "bank"])
def test_a_non_cash_top_up_needs_its_reference(database, make, method):
    resident = make.resident()
    missing = refusal(database, lambda s: add_top_up(s, resident, 1000, method, reference="   "))
    assert (missing.field, str(missing)) == ("reference", "is required for WeChat Pay, Alipay and bank transfers")


def test_cash_needs_no_reference_and_one_reference_serves_one_payment(database, make):
    resident = make.resident()
    with database.unit_of_work() as session:
        cash = add_top_up(session, resident, 1000, "cash")
        wechat = add_top_up(session, resident, 2000, "wechat", reference=" 4200000001 ")
        assert session.get_one(TopUp, wechat.record_id).reference == "4200000001"
        assert session.get_one(TopUp, cash.record_id).reference == ""
    twice = refusal(database, lambda s: add_top_up(s, resident, 2000, "wechat", reference="4200000001"))
    assert (twice.field, twice.code, str(twice)) == (
        "reference", "duplicate_reference", f"was already recorded with this payment method on top-up "
        f"CZ{wechat.record_id:08d} of ¥20.00; the same payment cannot be entered twice")
    too_long = refusal(database, lambda s: add_top_up(s, resident, 2000, "bank", reference="9" * 65))
    assert (too_long.field, str(too_long)) == ("reference", "must be text of at most 64 characters")


def test_a_correction_and_a_refund_keep_the_ledger_clean(database, make):
    resident = make.resident()
    with database.unit_of_work() as session:
        first = add_top_up(session, resident, 30000, "alipay", reference="AP-1")
        fixed = correct_top_up(session, first.record_id, 3000, "多输了一个零")
        assert fixed.balance_fen == 3000
        refunded = refund_balance(session, resident, "cash", "搬走")
        assert refunded.balance_fen == 0
        assert verify_ledger(session).violations == []
    over = refusal(database, lambda s: correct_top_up(s, first.record_id, 500_001, "again"))
    assert over.field == "correct_amount_fen"


def test_the_api_says_the_limit_in_yuan_in_english(api, make):
    resident = make.resident()
    api.headers["Accept-Language"] = "en"
    answer = api.post(f"/api/v1/residents/{resident}/topups", {"amount_fen": 500_001, "method": "cash",
                                                             "idempotency_key": "limit-in-english"})
    assert answer.status_code == 422
    assert answer.get_json()["error"]["message"] == "Top-up amount: must be from 0.01 yuan to 5,000.00 yuan"
    missing = api.post(f"/api/v1/residents/{resident}/topups", {"amount_fen": 100, "method": "bank",
                                                              "idempotency_key": "no-reference-1"})
    assert missing.get_json()["error"]["message"] == (
        "Payment reference number: is required for WeChat Pay, Alipay and bank transfers")
