"""How a refusal reads: its field named in the words people use (or not at all), money in yuan, in Chinese and
in English; the field's code goes to programs beside the message."""
from __future__ import annotations

import pytest

from pos.errors import InvalidInput, amount_in_range, field_label

ZH, EN = {"Accept-Language": "zh-CN"}, {"Accept-Language": "en"}


def read(app, refusal: InvalidInput, language: dict) -> tuple[str, str]:
    """The refusal as an API answer in that language says it: (message, reason)."""
    with app.test_request_context("/api/v1/x", headers=language):
        return refusal.localised(), refusal.reason()


def refused(call) -> InvalidInput:
    with pytest.raises(InvalidInput) as caught:
        call()
    return caught.value


def test_an_amount_out_of_range_is_told_in_yuan_by_its_fields_name(app):
    over = refused(lambda: amount_in_range(9_999_900, "amount_fen", 1, 500_000))
    assert (over.field, str(over)) == ("amount_fen", "must be from 0.01 yuan to 5,000.00 yuan")
    assert read(app, over, ZH) == ("充值金额：必须在 0.01 元到 5,000.00 元之间", "必须在 0.01 元到 5,000.00 元之间")
    assert read(app, over, EN) == ("Top-up amount: must be from 0.01 yuan to 5,000.00 yuan",
                                   "must be from 0.01 yuan to 5,000.00 yuan")
    float_over = refused(lambda: amount_in_range(10_000_001, "opening_float_fen", 0, 10_000_000))
    assert read(app, float_over, ZH)[0] == "备用金：必须在 0.00 元到 100,000.00 元之间"
    assert read(app, float_over, EN)[0] == "Cash float: must be from 0.00 yuan to 100,000.00 yuan"


@pytest.mark.parametrize("value", [True, 1.0, "100", None])
def test_an_amount_that_is_not_whole_fen_is_refused(app, value):
    wrong = refused(lambda: amount_in_range(value, "counted_cash_fen", 0, 100))
    assert read(app, wrong, ZH)[0] == "实点现金：必须是以分为单位的整数"
    assert read(app, wrong, EN)[0] == "Counted cash: must be a whole number of fen"


def test_a_field_is_named_in_words_or_not_at_all(app):
    reference = InvalidInput("is required for WeChat Pay, Alipay and bank transfers", field="reference")
    assert read(app, reference, ZH) == ("付款单号：微信支付、支付宝和银行转账必须填写", "微信支付、支付宝和银行转账必须填写")
    assert read(app, reference, EN) == ("Payment reference number: is required for WeChat Pay, Alipay and bank "
                                        "transfers", "is required for WeChat Pay, Alipay and bank transfers")
    line = InvalidInput("must be a whole number from %(low)s to %(high)s", field="items[3].qty", low=1, high=50)
    assert read(app, line, ZH)[0] == "数量：必须是 1 到 50 之间的整数"
    assert read(app, line, EN)[0] == "Quantity: must be a whole number from 1 to 50"
    unnamed = InvalidInput("must be a string of 8 to 80 characters, made once per request", field="idempotency_key")
    assert read(app, unnamed, EN)[0] == "must be a string of 8 to 80 characters, made once per request"
    method = InvalidInput("must be cash, WeChat Pay, Alipay or bank transfer", field="method")
    assert read(app, method, ZH)[0] == "付款方式：必须是现金、微信支付、支付宝或银行转账"


def test_field_labels(app):
    with app.test_request_context("/api/v1/x", headers=ZH):
        assert [field_label(f) for f in ("amount_fen", "items[0].dish_id", "new_uid", "pin", "nonsense", None)] == [
            "充值金额", "菜品", "新卡号", "密码", "", ""]


def test_the_api_answer_carries_the_field_code_for_programs(api, make):
    resident = make.resident()
    answer = api.post(f"/api/v1/residents/{resident}/topups",
                      {"amount_fen": 9_999_900, "method": "cash", "idempotency_key": "too-much-money"})
    assert (answer.status_code, answer.get_json()) == (422, {"error": {
        "code": "invalid_input", "message": "充值金额：必须在 0.01 元到 5,000.00 元之间", "field": "amount_fen"}})
