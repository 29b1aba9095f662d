"""Before → after as the audit page shows it, from plain values (no database)."""
from pos.auditlog.changes import Change, changes, shown


def test_only_the_keys_that_changed_each_as_a_person_reads_it():
    before = {"status": "active", "deposit_fen": 2000, "resident_id": 7}
    after = {"status": "blocked", "deposit_fen": 2000, "resident_id": 7}
    assert changes(before, after, "zh_CN") == [Change("status", "active", "blocked")]
    assert changes({"amount_fen": 5000}, {"amount_fen": 3000}, "zh_CN") == [Change("amount_fen", "¥50.00", "¥30.00")]
    assert changes({"voided": False}, {"voided": True}, "en") == [Change("voided", "✗", "✓")]


def test_a_new_record_shows_what_it_was_given_without_empty_or_hidden_values():
    after = {"name": "张桂兰", "phone": "", "address": "解放路1号", "district": "尧都区", "status": "active",
             "categories": [["dibao", "2026-01-01", None], ["tekun", None, None]], "method": "wechat"}
    assert changes(None, after, "zh_CN") == [
        Change("name", None, "张桂兰"), Change("status", None, "active"),
        Change("categories", None, "dibao 2026-01-01–; tekun"), Change("method", None, "微信支付")]
    assert changes(None, after, "en")[-1] == Change("method", None, "WeChat Pay")


def test_numbers_are_masked_and_addresses_hidden_for_everyone():
    assert changes({"phone": "13912345678", "address": "解放路1号"}, {"phone": "13800001111", "address": "鼓楼西街2号"},
                   "zh_CN") == [Change("phone", "*******5678", "*******1111"), Change("address", "***", "***")]
    assert shown("id_number", "141002195103150010", "zh_CN") == "**************0010"
    assert shown("emergency_phone", "13912345678", "zh_CN") == "*******5678"


def test_a_value_that_is_not_an_object_is_one_change():
    assert changes(None, None, "zh_CN") == []
    assert changes(None, "2026.1", "zh_CN") == [Change("", None, "2026.1")]
    assert changes({"role": "cashier"}, {"role": "manager"}, "zh_CN") == [Change("role", "收银员", "经理")]
