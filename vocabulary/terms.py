"""The canteen's words: meal periods, service channels, payment methods and how a resident was identified.

Each is a StrEnum: the value is what the database, the API and policy files store; `label` is what a
person reads, in Chinese or English. Models, the API document, the subsidy engine, the menu planner and
the templates all take their lists from here.
"""
from __future__ import annotations

from enum import StrEnum

ZH = "zh_CN"


class Term(StrEnum):
    """A word of the canteen with a Chinese and an English label."""

    def label(self, locale: str = ZH) -> str:
        """The word as a person reads it in `locale` (zh_CN or en)."""
        zh, en = LABELS[self]
        return en if locale.startswith("en") else zh


class MealPeriod(Term):
    BREAKFAST = "breakfast"
    LUNCH = "lunch"
    DINNER = "dinner"


class Channel(Term):
    """How a meal reaches the resident."""

    DINE_IN = "dine_in"
    PICK_UP = "pick_up"
    DELIVERY = "delivery"


class PaymentMethod(Term):
    """What a sale, a top-up or a refund is paid with."""

    WALLET = "wallet"
    CASH = "cash"
    BANK = "bank"
    WECHAT = "wechat"
    ALIPAY = "alipay"


class Identified(Term):
    """How the resident of a sale was identified at the counter."""

    CARD = "card"
    QR = "qr"  # the one-time code on their phone
    QR_STATIC = "qr_static"  # a printed pass: the cashier checks the face
    RESIDENT_ID = "resident_id"  # chosen by a manager
    IDENTITY_CHECK = "identity_check"  # no card: a signed-in cashier checked the ID card and chose the resident
    WALK_IN = "walk_in"  # nobody: full price
    BOOKING = "booking"  # a meal booked ahead (pos/orders), served to the resident it was booked for
    PIN = "pin"  # no card: the resident typed their PIN at the counter, after the cashier found them
    PROXY = "proxy"  # collected for the resident by someone the cashier named (代领): the resident was not there


class AlertKind(Term):
    """What an alert for staff (pos/alerts) is about: something that may mean a resident needs help."""

    MISSED_DELIVERY = "missed_delivery"  # a rider found nobody at the door with the meal


class OrderStatus(Term):
    """Where a booked meal (预约订餐) stands: booked until it is served, cancelled or not served."""

    BOOKED = "booked"
    CANCELLED = "cancelled"
    SERVED = "served"
    NOT_SERVED = "not_served"


class StaffRole(Term):
    """What a member of staff may do; each role may do everything the ones before it may."""

    RIDER = "rider"  # delivers meals (送餐上门): their own runs on /deliver, nothing else
    CASHIER = "cashier"
    MANAGER = "manager"
    ADMIN = "admin"


class DeliveryOutcome(Term):
    """What happened at a delivery stop, as the rider marks it."""

    DELIVERED = "delivered"
    NOT_AT_HOME = "not_at_home"
    REFUSED = "refused"


class AgeBand(Term):
    """A person's age in the bands funders count by (a service record keeps the band on the day of the meal)."""

    UNDER_60 = "under_60"
    AGE_60_69 = "60_69"
    AGE_70_79 = "70_79"
    AGE_80_89 = "80_89"
    AGE_90_PLUS = "90_plus"

    @classmethod
    def of(cls, age: int) -> AgeBand:
        """The band of an age in full years."""
        if age < 60:
            return cls.UNDER_60
        if age >= 90:
            return cls.AGE_90_PLUS
        return (cls.AGE_60_69, cls.AGE_70_79, cls.AGE_80_89)[age // 10 - 6]


LABELS: dict[Term, tuple[str, str]] = {
    MealPeriod.BREAKFAST: ("早餐", "breakfast"), MealPeriod.LUNCH: ("午餐", "lunch"),
    MealPeriod.DINNER: ("晚餐", "dinner"),
    Channel.DINE_IN: ("堂食", "dine-in"), Channel.PICK_UP: ("自取", "pick-up"), Channel.DELIVERY: ("送餐", "delivery"),
    PaymentMethod.WALLET: ("余额支付", "balance"), PaymentMethod.CASH: ("现金", "cash"),
    PaymentMethod.BANK: ("银行转账", "bank transfer"), PaymentMethod.WECHAT: ("微信支付", "WeChat Pay"),
    PaymentMethod.ALIPAY: ("支付宝", "Alipay"),
    Identified.CARD: ("刷卡", "card"), Identified.QR: ("付款码", "QR code"),
    Identified.QR_STATIC: ("纸质码", "printed pass"), Identified.RESIDENT_ID: ("按编号", "by resident number"),
    Identified.IDENTITY_CHECK: ("核验身份证", "ID card checked"),
    Identified.WALK_IN: ("散客", "walk-in"), Identified.BOOKING: ("预约订餐", "booked meal"),
    Identified.PIN: ("输入密码", "PIN typed"), Identified.PROXY: ("他人代领", "collected by a proxy"),
    AlertKind.MISSED_DELIVERY: ("送餐时不在家", "not at home for a delivery"),
    OrderStatus.BOOKED: ("已预订", "booked"), OrderStatus.CANCELLED: ("已取消", "cancelled"),
    OrderStatus.SERVED: ("已供餐", "served"), OrderStatus.NOT_SERVED: ("未供餐", "not served"),
    StaffRole.RIDER: ("送餐员", "rider"), StaffRole.CASHIER: ("收银员", "cashier"),
    StaffRole.MANAGER: ("经理", "manager"), StaffRole.ADMIN: ("管理员", "admin"),
    DeliveryOutcome.DELIVERED: ("已送达", "delivered"), DeliveryOutcome.NOT_AT_HOME: ("不在家", "not at home"),
    DeliveryOutcome.REFUSED: ("拒收", "refused"),
    AgeBand.UNDER_60: ("60岁以下", "under 60"), AgeBand.AGE_60_69: ("60–69岁", "60–69"),
    AgeBand.AGE_70_79: ("70–79岁", "70–79"), AgeBand.AGE_80_89: ("80–89岁", "80–89"),
    AgeBand.AGE_90_PLUS: ("90岁及以上", "90 and over"),
}

# The same words as plain strings, in their order, for checks, constraints and the API document.
MEAL_PERIODS: tuple[str, ...] = tuple(p.value for p in MealPeriod)
CHANNELS: tuple[str, ...] = tuple(c.value for c in Channel)
SALE_METHODS: tuple[str, ...] = ("wallet", "cash", "wechat", "alipay")
WALK_IN_METHODS: tuple[str, ...] = SALE_METHODS[1:]  # a walk-in has no wallet
TOP_UP_METHODS: tuple[str, ...] = ("cash", "bank", "wechat", "alipay")
ROLES: tuple[str, ...] = tuple(r.value for r in StaffRole)  # lowest first
ORDER_STATUSES: tuple[str, ...] = tuple(s.value for s in OrderStatus)
DELIVERY_OUTCOMES: tuple[str, ...] = tuple(o.value for o in DeliveryOutcome)
ALERT_KINDS: tuple[str, ...] = tuple(k.value for k in AlertKind)
AGE_BANDS: tuple[str, ...] = tuple(b.value for b in AgeBand)
IDENTIFICATIONS: tuple[str, ...] = tuple(i.value for i in Identified)


def sql_in(column: str, words: tuple[str, ...]) -> str:
    """A CHECK constraint's text: `column` is one of `words`."""
    return f"{column} IN ({', '.join(repr(str(w)) for w in words)})"
