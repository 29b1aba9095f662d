"""Reading an order from a request body, refusing bad input before anything is written."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

from pos.api.parsing import text, whole
from pos.errors import InvalidInput
from vocabulary import CHANNELS, MEAL_PERIODS, WALK_IN_METHODS

# The most one sale may hold: a family's or a group's lunch fits; a typo or an attack does not.
MAX_QTY = 50  # portions of one dish
MAX_LINES = 30  # different dishes
MAX_PORTIONS = 100  # portions in all
MAX_PROXY_NAME = 40
CREDENTIAL_KINDS = ("card_uid", "qr", "presentation", "resident_id", "walk_in")


@dataclass(frozen=True)
class OrderItem:
    dish_id: int
    qty: int


@dataclass(frozen=True)
class Order:
    """A validated order: who, what, when and how it is paid."""

    credential_kind: str
    credential_value: object
    items: tuple[OrderItem, ...]
    meal_period: str | None
    channel: str
    payment_method: str  # "wallet" for residents; cash/wechat/alipay for walk-ins
    proxy_name: str | None = None  # who collects the meal for the resident (代领), as the cashier typed it


def read_order(body: object) -> Order:
    """Validate a quote or sale request body."""
    if not isinstance(body, dict):
        raise InvalidInput("must be a JSON object", field="body")
    kind, value = read_credential(body.get("credential"))
    items = read_items(body.get("items"))
    period = body.get("meal_period")
    if period is not None and period not in MEAL_PERIODS:
        raise InvalidInput("must be one of %(choices)s", field="meal_period", choices=", ".join(MEAL_PERIODS))
    channel = body.get("channel", "dine_in")
    if channel not in CHANNELS:
        raise InvalidInput("must be one of %(choices)s", field="channel", choices=", ".join(CHANNELS))
    method = "wallet"
    if kind == "walk_in":
        method = body.get("payment_method", "cash")
        if method not in WALK_IN_METHODS:
            raise InvalidInput("must be one of %(choices)s", field="payment_method", choices=", ".join(WALK_IN_METHODS))
    return Order(kind, value, items, period, channel, method, read_proxy(body, kind))


def read_proxy(body: dict, kind: str) -> str | None:
    """The name of whoever collects the meal for the resident (代领), if the cashier gave one ('' or none: nobody)."""
    name = " ".join(text(body, "proxy_name", max_len=MAX_PROXY_NAME).split())
    if name and kind == "walk_in":
        raise InvalidInput("a walk-in collects for nobody; scan the card of the resident it is for",
                           field="proxy_name")
    return name or None


def read_credential(credential: object) -> tuple[str, object]:
    """The one credential given: a card UID, a QR payload, a resident id, or walk-in."""
    if not isinstance(credential, dict) or len(credential) != 1:
        raise InvalidInput("must be an object with one of %(kinds)s", field="credential",
                           kinds=", ".join(CREDENTIAL_KINDS))
    (kind, value), = credential.items()
    if kind not in CREDENTIAL_KINDS:
        raise InvalidInput("must be an object with one of %(kinds)s", field="credential",
                           kinds=", ".join(CREDENTIAL_KINDS))
    text_kinds = ("card_uid", "qr", "presentation")
    if kind in text_kinds and (not isinstance(value, str) or not value.strip() or len(value) > 400):
        raise InvalidInput("must be a non-empty string", field=f"credential.{kind}")
    if kind == "resident_id":
        whole(value, "credential.resident_id", 1, 2**31 - 1)
    if kind == "walk_in" and value is not True:
        raise InvalidInput("must be true", field="credential.walk_in")
    return kind, value


def read_items(items: object) -> tuple[OrderItem, ...]:
    """Dish ids and quantities; the same dish twice is merged."""
    if not isinstance(items, list) or not items:
        raise InvalidInput("must be a non-empty list of {dish_id, qty}", field="items")
    if len(items) > MAX_LINES:
        raise InvalidInput("must hold at most %(n)s lines", field="items", n=MAX_LINES)
    merged: dict[int, int] = {}
    for n, item in enumerate(items):
        if not isinstance(item, dict):
            raise InvalidInput("must be an object {dish_id, qty}", field=f"items[{n}]")
        dish_id = whole(item.get("dish_id"), f"items[{n}].dish_id", 1, 2**31 - 1)
        merged[dish_id] = merged.get(dish_id, 0) + whole(item.get("qty", 1), f"items[{n}].qty", 1, MAX_QTY)
    if sum(merged.values()) > MAX_PORTIONS:
        raise InvalidInput("must hold at most %(n)s portions in all", field="items", n=MAX_PORTIONS)
    return tuple(OrderItem(d, q) for d, q in merged.items())


def meal_period_at(hours: dict[str, tuple[time, time]], local: datetime) -> str:
    """The meal period being served at a local time; between periods, the nearest one."""
    now = local.hour * 60 + local.minute

    def distance(span: tuple[time, time]) -> int:
        start, end = (t.hour * 60 + t.minute for t in span)
        return 0 if start <= now <= end else min(abs(now - start), abs(now - end))

    return min(hours, key=lambda period: distance(hours[period]))
