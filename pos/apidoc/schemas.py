"""The shapes of the API's bodies, for its OpenAPI document: what each route takes and what it answers.

An answer's schema names every field it carries and no other (`_answer`), so a field added to a
route without its documentation fails tests/pos/api/test_openapi_fuzz.py. Requests stay open: the
server ignores a field it does not know.
"""
from __future__ import annotations

from pos.credentials.life import MAX_DEPOSIT_FEN
from pos.residents.diet import ALLERGENS, DIETARY_NEEDS
from pos.residents.models import STATUSES
from pos.shifts.services import MAX_CASH_FEN
from pos.wallets.operations import MAX_TOP_UP_FEN
from vocabulary import CHANNELS, MEAL_PERIODS, ORDER_STATUSES, ROLES, TOP_UP_METHODS, WALK_IN_METHODS, Identified

INT = {"type": "integer"}
STR = {"type": "string"}
BOOL = {"type": "boolean"}
FEN = {"type": "integer", "description": "an amount in fen"}
DAY = {"type": "string", "format": "date"}
MOMENT = {"type": "string", "format": "date-time"}
STORED_MOMENT = {"type": "string", "description": "ISO 8601 time in UTC, read back from the database"}
ID = {"type": "integer", "minimum": 1, "maximum": 2**31 - 1}
KEY = {"type": "string", "minLength": 8, "maxLength": 80,  # as pos.idempotency.check_key takes it
       "description": "made once per request, sent again on a retry"}
CARD_STATUS = {"enum": ["active", "blocked", "returned"]}
NO_CONTROL = "^[^\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f]*$"  # tabs and line feeds only
UID = {"type": "string", "pattern": "^([0-9A-Fa-f]{8}|[0-9A-Fa-f]{14}|[0-9A-Fa-f]{20}|[0-9]{10}|[0-9]{15,17})$",
       "description": "a card UID: 4, 7 or 10 bytes in hex, or the decimal a reader types; colons or spaces "
                      "between the bytes are taken too"}


def ref(name: str) -> dict:
    """A reference to a schema of this document."""
    return {"$ref": f"#/components/schemas/{name}"}


def nullable(schema: dict) -> dict:
    """`schema` or null."""
    return {"anyOf": [schema, {"type": "null"}]}


def text(max_len: int, **more) -> dict:
    """A text field the API reads with pos.api.parsing.text: no control characters but tabs and line breaks."""
    return {"type": "string", "maxLength": max_len, "pattern": NO_CONTROL, **more}


def _answer(properties: dict, optional: tuple[str, ...] = (), **more) -> dict:
    """An object the API answers with: these fields, all there but the optional ones, and nothing else."""
    return {"type": "object", "properties": properties, "additionalProperties": False,
            "required": [name for name in properties if name not in optional], **more}


def _request(properties: dict, required: tuple[str, ...] = (), **more) -> dict:
    """An object the API reads: the fields it knows, of which `required` must be given."""
    return {"type": "object", "properties": properties, **({"required": list(required)} if required else {}), **more}


CHANGED_ITEMS = {"type": "array", "items": ref("Item"), "minItems": 1, "maxItems": 30,
                 "description": "the dishes the resident takes instead of the booked ones; none: the booked ones"}
IDENTIFIED = tuple(i.value for i in Identified if i != Identified.WALK_IN)  # a panel is someone's
CARD = {"id": INT, "uid": STR, "resident_id": INT, "status": CARD_STATUS, "deposit_fen": FEN}
SUBSIDY_LINE = _answer({"rule_id": STR, "policy_version": STR, "funder": STR, "amount_fen": FEN, "reason": STR})
SHIFT = _answer({"id": INT, "cashier_id": INT, "cashier": STR, "terminal_id": nullable(INT), "opened_at": MOMENT,
                 "closed_at": nullable(MOMENT), "opening_float_fen": FEN, "note": STR})
DISH = {"id": INT, "code": STR, "name": STR, "name_en": STR, "category": STR, "price_fen": FEN, "active": BOOL,
        "initials": {"type": "string", "description": "the name's pinyin initials, e.g. hsr for 红烧肉"},
        "allergens": {"type": "array", "items": {"enum": list(ALLERGENS)},
                      "description": "allergen codes from the catalog, e.g. peanut"}}

MEAL_ORDER = {
    "id": INT, "resident_id": INT, "resident_name": STR, "day": DAY, "meal_period": {"enum": list(MEAL_PERIODS)},
    "channel": {"enum": list(CHANNELS)}, "status": {"enum": list(ORDER_STATUSES)},
    "set_meal": {**BOOL, "description": "booked as the day's set meal: every published dish of the meal, one each"},
    "booked_at": STORED_MOMENT, "cancelled_at": nullable(STORED_MOMENT),
    "sale_id": {**nullable(INT), "description": "the sale that settled it, once served"},
    "lines": {"type": "array", "items": _answer({"dish_id": INT, "name": {"type": "string", "description":
                                                                    "in the request's language"}, "qty": INT})}}

REQUESTS = {
    "SignIn": _request({"username": text(64, minLength=1), "password": text(128, minLength=1)},
                       ("username", "password")),
    "Credential": {"type": "object", "description": "exactly one of these", "minProperties": 1, "maxProperties": 1,
                   "properties": {"card_uid": UID, "qr": text(400, minLength=1),
                                  "presentation": text(400, minLength=1), "resident_id": ID, "walk_in": BOOL},
                   "additionalProperties": False},
    "Item": _request({"dish_id": ID, "qty": {"type": "integer", "minimum": 1, "maximum": 50, "default": 1}},
                     ("dish_id",)),
    "Order": _request({
        "credential": ref("Credential"),
        "items": {"type": "array", "items": ref("Item"), "minItems": 1, "maxItems": 30},
        "meal_period": {"enum": list(MEAL_PERIODS), "description": "default: the one being served now"},
        "channel": {"enum": list(CHANNELS), "default": "dine_in"},
        "payment_method": {"enum": list(WALK_IN_METHODS), "default": "cash", "description": "walk-ins only"},
        "proxy_name": text(40, description="who collects the meal for the resident (代领); residents only")},
        ("credential", "items"), description="at most 100 portions and 2,000 yuan in all"),
    "SaleRequest": {"allOf": [ref("Order"), _request({"idempotency_key": KEY}, ("idempotency_key",))]},
    "Void": _request({"reason": text(200, minLength=1)}, ("reason",)),
    "TopUp": _request({"amount_fen": {"type": "integer", "minimum": 1, "maximum": MAX_TOP_UP_FEN},
                       "method": {"enum": list(TOP_UP_METHODS)}, "idempotency_key": KEY,
                       "reference": text(64, description="the payment's own number; required unless cash")},
                      ("amount_fen", "method", "idempotency_key")),
    "ResidentIn": _request({
        "name": text(60, minLength=1), "id_number": text(200, minLength=1, description="18 characters, checked"),
        "phone": text(20), "address": text(200),
        "area": _request({name: text(40) for name in ("province", "city", "district", "street", "community")}),
        "categories": {"type": "array", "items": _request({
            "code": text(32, minLength=1), "valid_from": DAY, "valid_to": DAY, "proof_note": text(200)}, ("code",))},
        "emergency_name": text(60), "emergency_phone": text(20),
        "diet": {"type": "array", "items": {"enum": list(DIETARY_NEEDS)}},
        "allergens": {"type": "array", "items": {"enum": list(ALLERGENS)}}},
        ("name", "id_number")),
    "StatusChange": _request({"status": {"enum": list(STATUSES)},
                              "date": {**DAY, "description": "required but for active"}}, ("status",)),
    "DishIn": _request({"code": text(40), "name": text(60, minLength=1), "name_en": text(80), "category": text(24),
                        "price_fen": {"type": "integer", "minimum": 0, "maximum": 1_000_000}}, ("name", "price_fen")),
    "CardIn": _request({"resident_id": ID, "uid": UID,
                        "deposit_fen": {"type": "integer", "minimum": 0, "maximum": MAX_DEPOSIT_FEN},
                        "method": {"enum": list(TOP_UP_METHODS), "default": "cash"}}, ("resident_id", "uid")),
    "CardReplace": _request({"new_uid": UID}, ("new_uid",)),
    "CardReturn": _request({"method": {"enum": list(TOP_UP_METHODS), "default": "cash"}}),
    "PinIn": _request({"pin": {"type": "string", "pattern": "^[0-9]{4,6}$"}}, ("pin",)),
    "ShiftOpen": _request({"opening_float_fen": {"type": "integer", "minimum": 0, "maximum": MAX_CASH_FEN}},
                          ("opening_float_fen",)),
    "ShiftClose": _request({"counted_cash_fen": {"type": "integer", "minimum": 0, "maximum": MAX_CASH_FEN},
                            "note": text(200)}, ("counted_cash_fen",)),
    "Refund": _request({"method": {"enum": list(TOP_UP_METHODS)}, "reason": text(200, minLength=1)},
                       ("method", "reason")),
    "Correction": _request({"correct_amount_fen": {"type": "integer", "minimum": 0, "maximum": MAX_TOP_UP_FEN},
                            "reason": text(200, minLength=1)}, ("correct_amount_fen", "reason")),
    "PolicyIn": _request({"toml": text(200_000, minLength=1), "use": {"type": "boolean", "default": True}}, ("toml",)),
    "Present": _request({"credential": ref("Credential")}, ("credential",)),
    "IdentityCheck": _request({"resident_id": ID}, ("resident_id",)),
    "PinCheck": _request({"resident_id": ID, "pin": {"type": "string", "pattern": "^[0-9]{4,6}$"}},
                         ("resident_id", "pin")),
    "Booking": _request({
        "resident_id": ID, "day": DAY, "meal_period": {"enum": list(MEAL_PERIODS)},
        "channel": {"enum": list(CHANNELS), "default": "dine_in"},
        "items": {"type": "array", "items": ref("Item"), "maxItems": 30,
                  "description": "dishes of the day's published menu of the meal; none or empty: the set meal"},
        "idempotency_key": KEY}, ("resident_id", "day", "meal_period", "idempotency_key")),
    "Reprint": _request({"paper": {"enum": ["58", "80"], "default": "58"}}),
    "ChangedItems": _request({"items": CHANGED_ITEMS}),
    "Serving": _request({"items": CHANGED_ITEMS,
                         "credential": {"allOf": [ref("Credential")],
                                        "description": "the card or pass the resident showed (the sale keeps it as "
                                                       "the identification); none: the booking itself"},
                         "proxy_name": text(40, description="who collects the meal for the resident (代领)")}),
}

ANSWERS = {
    "Error": _answer({"error": _answer({"code": STR, "message": STR, "field": STR}, ("field",))}),
    "SignedIn": _answer({"user": STR, "role": {"enum": list(ROLES)}}),
    "Document": {"type": "object", "required": ["openapi", "paths"], "description": "this OpenAPI document"},
    "Card": _answer(CARD),
    "ReturnedCard": _answer(CARD | {"refunded_fen": FEN}),
    "Replacement": _answer({"old": ref("Card"), "new": ref("Card")}),
    "CardHistory": _answer(CARD | {"events": {"type": "array", "items": _answer({
        "kind": STR, "at": STORED_MOMENT, "note": STR, "by_user": nullable(INT), "by_resident": BOOL,
        "transaction_id": nullable(INT)})}}),
    "PinSet": _answer({"resident_id": INT, "pin_set": {"const": True}}),
    "StaticPass": _answer({"resident_id": INT, "issue": INT, "payload": STR}),
    "Dish": _answer(DISH),
    "Dishes": {"type": "array", "items": ref("Dish")},
    "Resident": _answer({
        "id": INT, "name": STR, "id_number": {"type": "string", "description": "the last four characters only, "
                                              "but to admins"},
        "phone": STR, "sex": STR, "birth_date": nullable(DAY), "age": INT, "address": STR,
        "area": nullable(_answer({name: STR for name in ("province", "city", "district", "street", "community")})),
        "status": {"enum": list(STATUSES)}, "status_date": nullable(DAY),
        "categories": {"type": "array", "items": _answer({"code": STR, "valid_from": nullable(DAY),
                                                          "valid_to": nullable(DAY), "valid_today": BOOL})},
        "balance_fen": FEN, "cards": {"type": "array", "items": _answer({
            "uid": STR, "status": CARD_STATUS, "deposit_fen": FEN,
            "replaced": {**BOOL, "description": "blocked for good: a new card took its place"}})},
        "emergency_name": STR,
        "emergency_phone": {"type": "string", "description": "the last four only, but to admins"},
        "diet": {"type": "array", "items": {"enum": list(DIETARY_NEEDS)}},
        "allergens": {"type": "array", "items": {"enum": list(ALLERGENS)}}},
        description="birth date, address and area only to admins (null or empty to others)"),
    "ToppedUp": _answer({"transaction_id": INT, "top_up_id": INT, "balance_fen": FEN}),
    "WalletChange": _answer({"id": INT, "transaction_id": INT, "balance_fen": FEN}),
    "SubsidyLine": SUBSIDY_LINE,
    "Quote": _answer({"total_fen": FEN, "subsidy_fen": FEN, "payable_fen": FEN, "balance_fen": nullable(FEN),
                      "meal_period": {"enum": list(MEAL_PERIODS)}, "channel": {"enum": list(CHANNELS)},
                      "subsidy_lines": {"type": "array", "items": ref("SubsidyLine")}}),
    "Sale": _answer({"sale_id": INT, "receipt_no": STR, "total_fen": FEN, "subsidy_fen": FEN, "paid_fen": FEN,
                     "balance_after_fen": nullable(FEN), "payment_method": STR,
                     "meal_period": {"enum": list(MEAL_PERIODS)}, "static_pass": BOOL,
                     "proxy_name": nullable(STR),
                     "lines": {"type": "array", "items": _answer({
                         "dish_id": INT, "name": {"type": "string", "description": "in the request's language"},
                         "qty": INT, "unit_price_fen": FEN, "amount_fen": FEN})},
                     "subsidy_lines": {"type": "array", "items": ref("SubsidyLine")}}),
    "Voided": _answer({"sale_id": INT, "receipt_no": STR, "voided": {"const": True},
                       "balance_after_fen": nullable(FEN)}),
    "Shift": SHIFT,
    "ShiftReport": _answer({
        "shift": ref("Shift"), "meals": INT, "subsidised_meals": INT, "voided_meals": INT,
        "wallet_takings_fen": FEN, "cash_sales_fen": FEN, "cash_top_ups_fen": FEN, "cash_takings_fen": FEN,
        "mobile_takings_fen": FEN, "expected_cash_fen": FEN, "counted_cash_fen": nullable(FEN),
        "difference_fen": nullable(FEN)},
        description="cash takings = walk-in cash sales + the cashier's cash top-ups between open and close; "
                    "expected cash = float + cash takings; difference = counted - expected"),
    "CurrentShift": {"oneOf": [ref("ShiftReport"), _answer({"shift": {"type": "null"}})]},
    "Policies": {"type": "array", "items": _answer({"policy_id": STR, "version": STR, "name": STR,
                                                   "effective_from": STR, "loaded_at": STORED_MOMENT, "in_use": BOOL})},
    "PolicyLoaded": _answer({"policy_id": STR, "version": STR, "effective_from": STR}),
    "Presented": _answer({
        "presentation": {"type": "string", "description": "quote and settle with {credential: {presentation}}; "
                                                          "none for a blocked card, which never pays"},
        "credential_kind": {"enum": list(IDENTIFIED)}, "static_pass": BOOL,
        "resident": _answer({"id": INT, "name": STR, "id_number": STR, "age": INT, "status": {"enum": list(STATUSES)},
                             "balance_fen": FEN, "categories": {"type": "array", "items": _answer({
                                 "code": STR, "name": STR})},
                             "diet": {"type": "array", "items": {"enum": list(DIETARY_NEEDS)}},
                             "allergens": {"type": "array", "items": {"enum": list(ALLERGENS)}}}),
        "subsidies_today": {"type": "array", "items": _answer({"meal_period": STR, "amount_fen": FEN})},
        "card_uid": {"type": "string", "description": "the card shown; else the resident's only active card, or "
                                                      "their card reported lost"},
        "card_status": {"enum": ["active", "lost", "replaced"],
                        "description": "lost or replaced: blocked, it cannot pay; a lost one can be replaced"},
        "booking": nullable(_answer({
            "order_id": INT, "meal_period": {"enum": list(MEAL_PERIODS)}, "channel": {"enum": ["dine_in", "pick_up"]},
            "set_meal": BOOL, "items": {"type": "array", "items": _answer({"dish_id": INT, "qty": INT})}},
            description="the resident's booked dine-in or pick-up meal of the meal being served now: quote it with "
                        "POST /orders/{id}/quote and serve it with POST /orders/{id}/serve"))},
        ("presentation", "card_uid", "card_status")),
    "CounterResidents": _answer({
        "total": {"type": "integer", "description": "how many match in all; more than listed: type more"},
        "residents": {"type": "array", "maxItems": 10, "items": _answer({
            "id": INT, "name": STR, "id_number": STR, "phone": STR, "age": INT, "status": {"enum": list(STATUSES)},
            "status_date": nullable(DAY),
            "may_settle": {"type": "boolean", "description": "still living here today (not moved away or died)"}})}}),
    "Verification": _answer({"ok": BOOL, "checked": {"type": "object", "additionalProperties": INT},
                             "violations": {"type": "array", "items": STR},
                             "chain_head": _answer({"seq": INT, "hash": STR})}, ("chain_head",)),
    "MenuToday": _answer({
        "day": DAY, "meal_period": {"enum": list(MEAL_PERIODS)}, "published": BOOL, "week": STR,
        "dishes": {"type": "array", "items": {"anyOf": [ref("Dish"), _answer(DISH | {
            "slot": {"type": "string", "description": "position in the set meal, e.g. meat, vegetable, staple"},
            "slot_label": STR, "labels": {"type": "array", "items": STR, "description": "diet labels, e.g. 软烂"},
            "allergens": {"type": "array", "items": STR},
            "allergen_labels": {"type": "array", "items": STR}})]}}}, ("week",),
        description="week only when a weekly menu is published"),
    "CounterMenu": _answer({
        "day": DAY, "meal_period": {"enum": list(MEAL_PERIODS)},
        "published": {**BOOL, "description": "a weekly menu is published for this meal: its dishes are offered"},
        "version": {"type": "string", "description": "changes whenever the panel would; see /menu/counter/version"},
        "groups": {"type": "array", "items": _answer({
            "category": {"type": "string", "description": "set, meat, half_meat, tofu_egg, vegetable, staple, soup, "
                                                          "porridge, fruit or other"},
            "dish_ids": {"type": "array", "items": INT}}),
            "description": "the dishes offered (ids of GET /dishes), by category in serving order"},
        "favourites": {"type": "array", "items": INT, "description": "the six offered dishes sold most at this "
                       "canteen in this meal period over the last 28 days, most first"},
        "set_meal": nullable(_answer({"name": {"type": "string", "description": "e.g. 一荤一荤素一素一饭一汤; empty "
                                               "when the positions match no set meal on the list"},
                                      "dish_ids": {"type": "array", "items": INT}, "price_fen": FEN},
                                     description="the published dishes of the meal, added with one tap"))}),
    "CounterMenuVersion": _answer({"version": STR}),
    "PrintOutcome": _answer({"printed": BOOL, "failed": BOOL, "message": STR, "receipt_no": STR}),
    "ReaderStatus": _answer({
        "enabled": BOOL, "watching": BOOL, "pcsc_available": nullable(BOOL), "message": nullable(STR),
        "readers": {"type": "array", "items": _answer({"name": nullable(STR), "online": BOOL, "card_present": BOOL,
                                                       "uid": nullable(STR)})}}),
    "StreamTicket": _answer({"ticket": STR, "expires_at": MOMENT}),
    "MealOrder": _answer(MEAL_ORDER),
    "BookedOrder": _answer(MEAL_ORDER | {"quote": _answer({
        "total_fen": FEN, "subsidy_fen": FEN, "payable_fen": FEN, "balance_fen": nullable(FEN)},
        description="expected at the start of the meal; the sale when served is priced and subsidised then")}),
    "MealOrders": _answer({
        "day": DAY, "meal_period": nullable({"enum": list(MEAL_PERIODS)}),
        "booked": _answer({period: INT for period in MEAL_PERIODS},
                          description="orders booked or served per meal period (cancelled ones not counted)"),
        "orders": {"type": "array", "items": ref("MealOrder")}}),
    "ServedOrder": _answer({"order": ref("MealOrder"), "sale": ref("Sale")}),
}

SCHEMAS = REQUESTS | ANSWERS
