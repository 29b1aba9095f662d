"""The canteen's words: one list each, labels in both languages, and a library that imports nothing of the app."""
import subprocess
import sys

from vocabulary import (
    CHANNELS,
    MEAL_PERIODS,
    TOP_UP_METHODS,
    WALK_IN_METHODS,
    AlertKind,
    Channel,
    DeliveryOutcome,
    Identified,
    MealPeriod,
    OrderStatus,
    PaymentMethod,
    Term,
    sql_in,
)


def test_each_word_has_both_labels():
    assert [p.label() for p in MealPeriod] == ["早餐", "午餐", "晚餐"]
    assert [p.label("en") for p in MealPeriod] == ["breakfast", "lunch", "dinner"]
    assert [c.label() for c in Channel] == ["堂食", "自取", "送餐"]
    assert [m.label() for m in PaymentMethod] == ["余额支付", "现金", "银行转账", "微信支付", "支付宝"]
    assert Identified.QR_STATIC.label("en") == "printed pass"
    assert [s.label() for s in OrderStatus] == ["已预订", "已取消", "已供餐", "未供餐"]


def test_no_two_words_share_a_value():
    # The labels are looked up by the word, and two words of one value would be one key: the second's label wins.
    words = [word for kind in Term.__subclasses__() for word in kind]
    assert len({str(word) for word in words}) == len(words)
    assert [o.label() for o in DeliveryOutcome] == ["已送达", "不在家", "拒收"]
    assert AlertKind.MISSED_DELIVERY.label() == "送餐时不在家"


def test_the_lists_are_plain_strings_in_order():
    assert MEAL_PERIODS == ("breakfast", "lunch", "dinner")
    assert CHANNELS == ("dine_in", "pick_up", "delivery")
    assert WALK_IN_METHODS == ("cash", "wechat", "alipay")
    assert TOP_UP_METHODS == ("cash", "bank", "wechat", "alipay")
    assert all(type(word) is str for word in MEAL_PERIODS + CHANNELS)


def test_a_check_constraint_lists_the_words():
    assert sql_in("meal_period", MEAL_PERIODS) == "meal_period IN ('breakfast', 'lunch', 'dinner')"


def test_vocabulary_imports_nothing_but_the_standard_library():
    code = ("import sys, vocabulary; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'flask', 'sqlalchemy', 'pos', 'werkzeug', "
            "'cards', 'menu', 'receipts', 'subsidy'}))")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    assert out.strip() == "[]"
