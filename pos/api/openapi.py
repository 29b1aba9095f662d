"""The OpenAPI document of the API, written out by hand so it reads as documentation."""
from __future__ import annotations

import re
from typing import Any

from flask import jsonify

from pos.access import public
from pos.api.blueprint import api_blueprint
from pos.residents.diet import ALLERGENS, DIETARY_NEEDS
from vocabulary import CHANNELS, MEAL_PERIODS, WALK_IN_METHODS

bp = api_blueprint("api", __name__)  # url_for("api.openapi") finds the API's root


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _op(summary: str, ok: int, ok_schema: str | None, request: str | None = None, errors=(401, 422)) -> dict:
    op: dict[str, Any] = {"summary": summary, "responses": {str(ok): {"description": "OK", **(
        {"content": {"application/json": {"schema": _ref(ok_schema)}}} if ok_schema else {})}}}
    for status in errors:
        op["responses"][str(status)] = {"description": "refused", "content": {"application/json": {
            "schema": _ref("Error")}}}
    if request:
        op["requestBody"] = {"required": True, "content": {"application/json": {"schema": _ref(request)}}}
    return op


INT = {"type": "integer"}
STR = {"type": "string"}
SCHEMAS = {
    "Error": {"type": "object", "required": ["error"], "properties": {"error": {
        "type": "object", "required": ["code", "message"], "properties": {"code": STR, "message": STR}}}},
    "Credential": {"type": "object", "description": "exactly one of these", "minProperties": 1, "maxProperties": 1,
                   "properties": {"card_uid": STR, "qr": STR, "presentation": STR, "resident_id": INT,
                                  "walk_in": {"type": "boolean"}}},
    "Item": {"type": "object", "required": ["dish_id"], "properties": {"dish_id": INT, "qty": INT}},
    "Order": {"type": "object", "required": ["credential", "items"], "properties": {
        "credential": _ref("Credential"), "items": {"type": "array", "items": _ref("Item")},
        "meal_period": {"enum": list(MEAL_PERIODS)},
        "channel": {"enum": list(CHANNELS)},
        "payment_method": {"enum": list(WALK_IN_METHODS), "description": "walk-ins only"}}},
    "SaleRequest": {"allOf": [_ref("Order"), {"type": "object", "required": ["idempotency_key"],
                                              "properties": {"idempotency_key": STR}}]},
    "SubsidyLine": {"type": "object", "properties": {"rule_id": STR, "policy_version": STR, "funder": STR,
                                                     "amount_fen": INT, "reason": STR}},
    "Quote": {"type": "object", "properties": {
        "total_fen": INT, "subsidy_fen": INT, "payable_fen": INT, "balance_fen": {"type": ["integer", "null"]},
        "meal_period": STR, "channel": STR, "subsidy_lines": {"type": "array", "items": _ref("SubsidyLine")}}},
    "Sale": {"type": "object", "properties": {
        "sale_id": INT, "receipt_no": STR, "total_fen": INT, "subsidy_fen": INT, "paid_fen": INT,
        "balance_after_fen": {"type": ["integer", "null"]}, "payment_method": STR, "meal_period": STR,
        "static_pass": {"type": "boolean"}, "subsidy_lines": {"type": "array", "items": _ref("SubsidyLine")}}},
    "Void": {"type": "object", "required": ["reason"], "properties": {"reason": STR}},
    "TopUp": {"type": "object", "required": ["amount_fen", "method", "idempotency_key"], "properties": {
        "amount_fen": INT, "method": {"enum": ["cash", "bank", "wechat", "alipay"]}, "idempotency_key": STR}},
    "ResidentIn": {"type": "object", "required": ["name", "id_number"], "properties": {
        "name": STR, "id_number": STR, "phone": STR, "address": STR, "area": {"type": "object"},
        "categories": {"type": "array", "items": {"type": "object", "properties": {
            "code": STR, "valid_from": STR, "valid_to": STR, "proof_note": STR}}},
        "emergency_name": STR, "emergency_phone": STR,
        "diet": {"type": "array", "items": {"enum": list(DIETARY_NEEDS)}},
        "allergens": {"type": "array", "items": {"enum": list(ALLERGENS)}}}},
    "Resident": {"type": "object", "properties": {"id": INT, "name": STR, "id_number": STR, "age": INT,
                                                  "balance_fen": INT, "categories": {"type": "array"},
                                                  "cards": {"type": "array"}}},
    "Dish": {"type": "object", "required": ["name", "price_fen"], "properties": {
        "id": INT, "code": STR, "name": STR, "name_en": STR, "category": STR, "price_fen": INT}},
    "CardIn": {"type": "object", "required": ["resident_id", "uid"], "properties": {
        "resident_id": INT, "uid": STR, "deposit_fen": INT, "method": {"enum": ["cash", "bank", "wechat", "alipay"]}}},
    "Card": {"type": "object", "properties": {"id": INT, "uid": STR, "resident_id": INT, "deposit_fen": INT,
                                              "status": {"enum": ["active", "blocked", "returned"]}}},
    "CardReplace": {"type": "object", "required": ["new_uid"], "properties": {"new_uid": STR}},
    "CardReturn": {"type": "object", "properties": {"method": {"enum": ["cash", "bank", "wechat", "alipay"]}}},
    "CardHistory": {"type": "object", "properties": {"uid": STR, "status": STR, "events": {"type": "array", "items": {
        "type": "object", "properties": {"kind": STR, "at": STR, "note": STR, "by_user": {"type": ["integer", "null"]},
                                         "by_resident": {"type": "boolean"},
                                         "transaction_id": {"type": ["integer", "null"]}}}}}},
    "PinIn": {"type": "object", "required": ["pin"],
              "properties": {"pin": {"type": "string", "pattern": "^[0-9]{4,6}$"}}},
    "StaticPass": {"type": "object", "properties": {"resident_id": INT, "issue": INT, "payload": STR}},
    "ReaderStatus": {"type": "object", "properties": {
        "enabled": {"type": "boolean"}, "watching": {"type": "boolean"},
        "pcsc_available": {"type": ["boolean", "null"]}, "message": {"type": ["string", "null"]},
        "readers": {"type": "array", "items": {"type": "object", "properties": {
            "name": STR, "online": {"type": "boolean"}, "card_present": {"type": "boolean"},
            "uid": {"type": ["string", "null"]}}}}}},
    "ShiftOpen": {"type": "object", "required": ["opening_float_fen"], "properties": {"opening_float_fen": INT}},
    "ShiftClose": {"type": "object", "required": ["counted_cash_fen"], "properties": {
        "counted_cash_fen": INT, "note": STR}},
    "ShiftReport": {"type": "object", "description": "cash takings = walk-in cash sales + the cashier's cash top-ups "
                    "between open and close; expected cash = float + cash takings; difference = counted - expected",
                    "properties": {
        "shift": {"type": ["object", "null"]}, "meals": INT, "subsidised_meals": INT, "voided_meals": INT,
        "wallet_takings_fen": INT, "cash_sales_fen": INT, "cash_top_ups_fen": INT, "cash_takings_fen": INT,
        "mobile_takings_fen": INT, "expected_cash_fen": INT, "counted_cash_fen": {"type": ["integer", "null"]},
        "difference_fen": {"type": ["integer", "null"]}}},
    "StatusChange": {"type": "object", "required": ["status"], "properties": {
        "status": {"enum": ["active", "moved_away", "deceased"]}, "date": STR}},
    "Refund": {"type": "object", "required": ["method", "reason"], "properties": {"method": STR, "reason": STR}},
    "Correction": {"type": "object", "required": ["correct_amount_fen", "reason"],
                   "properties": {"correct_amount_fen": INT, "reason": STR}},
    "PolicyIn": {"type": "object", "required": ["toml"], "properties": {"toml": STR, "use": {"type": "boolean"}}},
    "Present": {"type": "object", "required": ["credential"], "properties": {"credential": _ref("Credential")}},
    "PrintOutcome": {"type": "object", "properties": {"printed": {"type": "boolean"}, "failed": {"type": "boolean"},
                                                      "message": STR, "receipt_no": STR}},
    "MenuToday": {"type": "object", "properties": {
        "day": STR, "meal_period": STR, "published": {"type": "boolean"}, "week": STR,
        "dishes": {"type": "array", "items": {"allOf": [_ref("Dish"), {"type": "object", "properties": {
            "slot": {"type": "string", "description": "position in the set meal, e.g. meat, vegetable, staple"},
            "slot_label": STR, "labels": {"type": "array", "items": STR, "description": "diet labels, e.g. 软烂"},
            "allergens": {"type": "array", "items": STR},
            "allergen_labels": {"type": "array", "items": STR}}}]}}}},
    "Verification": {"type": "object", "properties": {"ok": {"type": "boolean"}, "checked": {"type": "object"},
                                                      "violations": {"type": "array", "items": STR}}},
}

PATHS = {
    "/residents": {"post": _op("Register a resident (manager)", 201, "Resident", "ResidentIn", (401, 403, 409, 422))},
    "/residents/{id}": {"get": _op("A resident with balance and cards (cashier)", 200, "Resident", None, (401, 404))},
    "/residents/{id}/topups": {"post": _op("Top up a wallet (cashier), idempotent", 201, None, "TopUp",
                                           (401, 404, 409, 422))},
    "/dishes": {"get": _op("Dishes on sale", 200, None, None, (401,)),
                "post": _op("Add a dish (manager)", 201, "Dish", "Dish", (401, 403, 409, 422))},
    "/cards": {"post": _op("Issue a card to a resident, with an optional deposit (cashier)", 201, "Card", "CardIn",
                           (401, 404, 409, 422))},
    "/cards/{uid}/lost": {"post": _op("Report a card lost: blocked at once (cashier)", 200, "Card", None,
                                      (401, 404, 409, 422))},
    "/cards/{uid}/replace": {"post": _op("A new card in place of this one; wallet and deposit carry over (cashier)",
                                         201, None, "CardReplace", (401, 404, 409, 422))},
    "/cards/{uid}/return": {"post": _op("Take a card back, refunding its deposit (cashier)", 200, "Card",
                                        "CardReturn", (401, 404, 409, 422))},
    "/cards/{uid}/unblock": {"post": _op("Unblock a card found again (manager)", 200, "Card", None,
                                         (401, 403, 404, 409))},
    "/cards/{uid}/history": {"get": _op("A card and every step of its life (cashier)", 200, "CardHistory", None,
                                        (401, 404))},
    "/residents/{id}/pin": {"post": _op("Set the resident page PIN, 4 to 6 digits (cashier)", 200, None, "PinIn",
                                        (401, 404, 422))},
    "/residents/{id}/pass": {"post": _op("Print a new static QR pass, revoking older prints (manager)", 201,
                                         "StaticPass", None, (401, 403, 404))},
    "/residents/{id}/pass.png": {"get": _op("The current static pass as PNG (manager)", 200, None, None,
                                            (401, 403, 404))},
    "/residents/{id}/pass.svg": {"get": _op("The current static pass as SVG (manager)", 200, None, None,
                                            (401, 403, 404))},
    "/reader/events": {"get": _op("Card reader events as Server-Sent Events (`event: <kind>`, JSON data {kind, "
                                  "reader, uid, message, at}); first an `event: status`, a `: heartbeat` comment "
                                  "every ~15 s. The token may also be given as ?token= (EventSource sends no "
                                  "headers)", 200, None, None, (401,))},
    "/reader/status": {"get": _op("Which card readers are known, online or not, and whether pcscd answers", 200,
                                  "ReaderStatus", None, (401,))},
    "/sales/quote": {"post": _op("Price and subsidise an order; moves no money", 200, "Quote", "Order",
                                 (401, 403, 404, 422))},
    "/sales": {"post": _op("Settle a sale (cashier); a retry with the same key returns the first result", 201,
                           "Sale", "SaleRequest", (401, 402, 403, 404, 409, 422))},
    "/sales/{id}/void": {"post": _op("Void a sale with a reason", 200, None, "Void", (401, 403, 404, 409, 422))},
    "/shifts": {"post": _op("Open a shift with a counted cash float (cashier)", 201, "ShiftReport", "ShiftOpen",
                            (401, 409, 422))},
    "/shifts/current": {"get": _op("The signed-in cashier's open shift so far, or {shift: null}", 200,
                                   "ShiftReport", None, (401,))},
    "/shifts/{id}/close": {"post": _op("Close a shift with the counted cash; returns the report", 200, "ShiftReport",
                                       "ShiftClose", (401, 403, 404, 409, 422))},
    "/shifts/{id}/report": {"get": _op("A shift's meals, takings and cash difference (own shift, or manager)", 200,
                                       "ShiftReport", None, (401, 403, 404))},
    "/residents/{id}/status": {"post": _op("Mark a resident moved away or deceased from a date (manager)", 200,
                                           "Resident", "StatusChange", (401, 403, 404, 422))},
    "/residents/{id}/refund": {"post": _op("Refund a leaving resident's balance (manager)", 200, None, "Refund",
                                           (401, 403, 404, 409, 422))},
    "/topups/{id}/correction": {"post": _op("Correct a wrongly keyed top-up (manager)", 200, None, "Correction",
                                            (401, 402, 403, 404, 409, 422))},
    "/policies": {"get": _op("Stored subsidy policy versions (manager)", 200, None, None, (401, 403)),
                  "post": _op("Load a policy version from TOML text (admin)", 201, None, "PolicyIn",
                              (401, 403, 409, 422))},
    "/credentials/present": {"post": _op("A scanned card or QR pass: the resident panel and a presentation token "
                                         "(spends a one-time QR code)", 200, None, "Present", (401, 403, 404, 422))},
    "/ledger/verify": {"get": _op("Check every ledger invariant (manager)", 200, "Verification", None, (401, 403))},
    "/menu/today": {"get": {**_op("Today's dishes for a meal period from the published weekly menu, in the order of "
                                  "the set meal; every dish on sale (published: false) when none is published",
                                  200, "MenuToday", None, (401, 422)),
                            "parameters": [{"name": "meal_period", "in": "query", "required": False,
                                            "description": "default: the meal period being served now",
                                            "schema": {"enum": list(MEAL_PERIODS)}}]}},
    "/sales/{id}/receipt.pdf": {"get": _op("A sale's receipt as PDF (cashier); ?paper=58|80, default 80", 200, None,
                                           None, (401, 404, 422))},
    "/sales/{id}/print": {"post": _op("Print a sale's receipt again on the canteen printer (cashier); a printer "
                                      "failure is reported in the body, not as an error", 200, "PrintOutcome", None,
                                      (401, 404, 422))},
    "/topups/{id}/receipt.pdf": {"get": _op("A top-up's receipt as PDF (cashier); ?paper=58|80, default 80", 200,
                                            None, None, (401, 404, 422))},
}

def _with_path_parameters(paths: dict) -> dict:
    """Declare each {name} in a path as a required path parameter (ids are integers, UIDs text)."""
    for path, item in paths.items():
        item["parameters"] = [{"name": name, "in": "path", "required": True,
                               "schema": INT if name == "id" else STR} for name in re.findall(r"\{(\w+)\}", path)]
    return paths


DOCUMENT = {
    "openapi": "3.1.0",
    "info": {"title": "Canteen settlement API", "version": "1",
             "description": "Amounts are integer fen. Every call carries `Authorization: Bearer <terminal token>`; "
                            "staff actions also need a signed-in user (POST /session). Errors are "
                            "`{\"error\": {\"code\", \"message\"}}` in the request's language."},
    "servers": [{"url": "/api/v1"}],
    "components": {"schemas": SCHEMAS, "securitySchemes": {"terminal": {"type": "http", "scheme": "bearer"}}},
    "security": [{"terminal": []}],
    "paths": _with_path_parameters(PATHS),
}


@bp.get("/openapi.json")
@public
def openapi():
    """The OpenAPI document."""
    return jsonify(DOCUMENT)
