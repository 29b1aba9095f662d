"""Top-ups on the API: a key answers for one request only, the resident in its path included; the counter's
WeChat Pay and Alipay top-ups with their reference; refusals in words and yuan."""
from sqlalchemy import select

from pos.wallets.models import TopUp


def test_a_top_up_key_reused_for_another_resident_is_refused_not_replayed(api, make):
    first, second = make.resident(), make.resident()
    body = {"amount_fen": 1000, "method": "cash", "idempotency_key": "top-up-key-reused"}
    assert api.post(f"/api/v1/residents/{first}/topups", body).status_code == 201
    again = api.post(f"/api/v1/residents/{second}/topups", body)
    assert (again.status_code, again.get_json()["error"]["code"]) == (409, "idempotency_conflict")
    assert api.post(f"/api/v1/residents/{first}/topups", body).status_code == 200  # a true retry is replayed


def test_a_top_up_key_reused_for_no_such_resident_is_refused(api, make):
    resident = make.resident()
    body = {"amount_fen": 1000, "method": "cash", "idempotency_key": "top-up-key-nobody"}
    api.post(f"/api/v1/residents/{resident}/topups", body)
    assert api.post("/api/v1/residents/999999/topups", body).status_code == 409


def top_up(api, resident: int, key: str, **body):
    answer = api.post(f"/api/v1/residents/{resident}/topups", {"idempotency_key": key} | body)
    return answer.status_code, answer.get_json()


def test_a_counter_top_up_by_wechat_or_alipay_carries_its_reference(api, make, database):
    resident = make.resident(balance_fen=1000)
    status, answer = top_up(api, resident, "wechat-top-up-1", amount_fen=5000, method="wechat",
                            reference="4200002026113000001")
    assert (status, answer["balance_fen"]) == (201, 6000)
    assert top_up(api, resident, "wechat-top-up-1", amount_fen=5000, method="wechat",
                  reference="4200002026113000001") == (200, answer)  # a retry with its key is replayed
    status, answer = top_up(api, resident, "alipay-top-up-1", amount_fen=2550, method="alipay",
                            reference="2026113022001")
    assert (status, answer["balance_fen"]) == (201, 8550)
    with database.unit_of_work() as session:
        rows = session.execute(select(TopUp.method, TopUp.reference, TopUp.amount_fen).order_by(TopUp.id)).all()
    assert [tuple(r) for r in rows] == [("cash", "", 1000), ("wechat", "4200002026113000001", 5000),
                                        ("alipay", "2026113022001", 2550)]


def test_counter_top_up_refusals_name_fields_in_words_and_money_in_yuan(api, make, database):
    resident = make.resident()
    refusals = [top_up(api, resident, f"refused-top-up-{n}", **body) for n, body in enumerate([
        {"amount_fen": 9_999_900, "method": "cash"},
        {"amount_fen": 0, "method": "cash"},
        {"amount_fen": 12.5, "method": "cash"},
        {"amount_fen": 5000, "method": "wechat"},
        {"amount_fen": 5000, "method": "alipay", "reference": "   "},
        {"amount_fen": 5000, "method": "card"},
    ])]
    assert [(status, body["error"]["field"], body["error"]["message"]) for status, body in refusals] == [
        (422, "amount_fen", "充值金额：必须在 0.01 元到 5,000.00 元之间"),
        (422, "amount_fen", "充值金额：必须在 0.01 元到 5,000.00 元之间"),
        (422, "amount_fen", "充值金额：必须是以分为单位的整数"),
        (422, "reference", "付款单号：微信支付、支付宝和银行转账必须填写"),
        (422, "reference", "付款单号：微信支付、支付宝和银行转账必须填写"),
        (422, "method", "付款方式：必须是现金、微信支付、支付宝或银行转账")]
    with database.unit_of_work() as session:
        assert session.scalars(select(TopUp)).all() == []
    api.headers["Accept-Language"] = "en"
    assert top_up(api, resident, "refused-top-up-en", amount_fen=500_001, method="cash")[1]["error"]["message"] == (
        "Top-up amount: must be from 0.01 yuan to 5,000.00 yuan")
