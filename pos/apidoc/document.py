"""The OpenAPI document of the API, written out by hand so it reads as documentation.

Each operation names who may call it (`x-access`, as its view declares) and every status it can
answer. tests/pos/api/test_openapi.py holds the document to the URL map, and
tests/pos/api/test_openapi_fuzz.py calls every operation with generated input and holds the
answers to it.
"""
from __future__ import annotations

import re
from typing import Any

from pos.access import PUBLIC, TERMINAL
from pos.apidoc.schemas import ID, SCHEMAS, STR, UID, ref
from vocabulary import MEAL_PERIODS

JSON = "application/json"

# Every refusal has the Error body; these say when each status is given.
REFUSALS = {
    401: "no valid terminal token; for staff actions, no member of staff signed in (or a wrong password)",
    402: "the wallet's balance does not cover it",
    403: "the signed-in member of staff may not do this or must first choose a new password "
         "(password_change_required), or the credential is blocked or refused",
    404: "no such resident, card, sale, shift, top-up or dish",
    409: "it clashes with what is recorded: already done, in another state, or an idempotency key reused",
    413: "the body is over 2 MB",
    422: "a field is missing or wrong; the message begins with its name",
    429: "too many failed sign-ins from this account or address; try again after Retry-After seconds",
    503: "the database is busy (nothing was saved; send the same request again after Retry-After seconds), "
         "or every card reader stream is taken",
}
RETRY_AFTER = {"Retry-After": {"description": "seconds to wait", "required": True, "schema": {"type": "integer"}}}


def _refusal(status: int) -> dict:
    return {"description": REFUSALS[status], "content": {JSON: {"schema": ref("Error")}},
            **({"headers": RETRY_AFTER} if status in (429, 503) else {})}


def _op(summary: str, access: str, ok: int = 200, answer: str | None = None, body: str | None = None,
        refusals: tuple[int, ...] = (), media: str = JSON, body_required: bool = True, replays: bool = False) -> dict:
    """An operation: who may call it, what it takes, what it answers and every refusal it can give."""
    statuses = set(refusals)
    if access != PUBLIC:  # the terminal's token is looked up in the database: 503 when it is busy
        statuses |= {401, 503}
    if access in ("cashier", "manager", "admin"):  # a role too low, or a password to change first
        statuses.add(403)
    if body:
        statuses |= {413, 422}
    content = {media: {"schema": ref(answer)} if answer else {}}
    op: dict[str, Any] = {"summary": summary, "x-access": access,
                          "responses": {str(ok): {"description": "done", "content": content}}}
    if replays:
        op["responses"]["200"] = {"description": "a retry with the same key: the first answer again",
                                  "content": content}
    op["responses"] |= {str(status): _refusal(status) for status in sorted(statuses)}
    if body:
        op["requestBody"] = {"required": body_required, "content": {JSON: {"schema": ref(body)}}}
    if access == PUBLIC:
        op["security"] = []
    return op


def _query(name: str, schema: dict, description: str) -> list[dict]:
    return [{"name": name, "in": "query", "required": False, "description": description, "schema": schema}]


DAY_PARAM = {"type": "string", "format": "date"}
PAPER = _query("paper", {"enum": ["58", "80"]}, "the receipt's width in mm")
PDF = "application/pdf"

PATHS = {
    "/openapi.json": {"get": _op("This document", PUBLIC, answer="Document")},
    "/session": {"post": _op("Sign a member of staff in at this terminal; the session cookie carries the sign-in",
                             TERMINAL, answer="SignedIn", body="SignIn", refusals=(429,))},
    "/residents": {"post": _op("Register a resident", "manager", 201, "Resident", "ResidentIn", (409,))},
    "/residents/{id}": {"get": _op("A resident with balance and cards; admins see every detail (and are audited)",
                                   "cashier", answer="Resident")},
    "/residents/{id}/topups": {"post": _op("Top up a wallet, once per idempotency key", "cashier", 201, "ToppedUp",
                                           "TopUp", (409,), replays=True)},
    "/residents/{id}/status": {"post": _op("Mark a resident moved away or deceased from a date, or active again",
                                           "manager", answer="Resident", body="StatusChange")},
    "/residents/{id}/refund": {"post": _op("Refund a leaving resident's balance", "manager", answer="WalletChange",
                                           body="Refund", refusals=(409,))},
    "/residents/{id}/pin": {"post": _op("Set the resident page PIN, 4 to 6 digits", "cashier", answer="PinSet",
                                        body="PinIn")},
    "/residents/{id}/pass": {"post": _op("Print a new static QR pass, revoking older prints", "manager", 201,
                                         "StaticPass")},
    "/residents/{id}/pass.png": {"get": _op("The current static pass as PNG", "manager", media="image/png")},
    "/residents/{id}/pass.svg": {"get": _op("The current static pass as SVG", "manager", media="image/svg+xml")},
    "/dishes": {"get": _op("Dishes on sale", TERMINAL, answer="Dishes"),
                "post": _op("Add a dish", "manager", 201, "Dish", "DishIn", (409,))},
    "/cards": {"post": _op("Issue a card to a resident, with an optional deposit", "cashier", 201, "Card", "CardIn",
                           (404, 409))},
    "/cards/{uid}/lost": {"post": _op("Report a card lost: blocked at once", "cashier", answer="Card",
                                      refusals=(404, 409, 422))},
    "/cards/{uid}/replace": {"post": _op("A new card in place of this one; wallet and deposit carry over", "cashier",
                                         201, "Replacement", "CardReplace", (404, 409))},
    "/cards/{uid}/return": {"post": _op("Take a card back, refunding its deposit", "cashier", answer="ReturnedCard",
                                        body="CardReturn", refusals=(404, 409), body_required=False)},
    "/cards/{uid}/unblock": {"post": _op("Unblock a card found again", "manager", answer="Card",
                                         refusals=(404, 409, 422))},
    "/cards/{uid}/history": {"get": _op("A card and every step of its life", "cashier", answer="CardHistory",
                                        refusals=(404, 422))},
    "/reader/ticket": {"post": _op("A ticket that opens one event stream within 30 s (EventSource sends no headers)",
                                   TERMINAL, 201, "StreamTicket")},
    "/reader/events": {"get": {**_op("The events of the card reader this terminal names, as Server-Sent Events "
                                     "(`event: <kind>`, JSON data {kind, reader, uid, message, at}); first an "
                                     "`event: status`, a `: heartbeat` comment "
                                     "every ~15 s. Opened with ?ticket= (or the bearer header)", PUBLIC,
                                     media="text/event-stream", refusals=(401, 503)),
                               "parameters": _query("ticket", STR, "from POST /reader/ticket; spent by this stream")}},
    "/reader/status": {"get": _op("Whether the card reader this terminal names is online, and whether pcscd answers "
                                  "(enabled false: it names none)", TERMINAL,
                                  answer="ReaderStatus")},
    "/sales/quote": {"post": _op("Price and subsidise an order; moves no money", "cashier", answer="Quote",
                                 body="Order", refusals=(403, 404, 409))},
    "/sales": {"post": _op("Settle a sale, once per idempotency key", "cashier", 201, "Sale", "SaleRequest",
                           (402, 403, 404, 409), replays=True)},
    "/sales/{id}/void": {"post": _op("Void a sale with a reason (managers; its cashier within two minutes)",
                                     "cashier", answer="Voided", body="Void", refusals=(403, 409))},
    "/shifts": {"post": _op("Open a shift with a counted cash float", "cashier", 201, "ShiftReport", "ShiftOpen",
                            (409,))},
    "/shifts/current": {"get": _op("The signed-in cashier's open shift so far, or {shift: null}", "cashier",
                                   answer="CurrentShift")},
    "/shifts/{id}/close": {"post": _op("Close a shift with the counted cash; answers the report", "cashier",
                                       answer="ShiftReport", body="ShiftClose", refusals=(403, 409))},
    "/shifts/{id}/report": {"get": _op("A shift's meals, takings and cash difference (own shift, or manager)",
                                       "cashier", answer="ShiftReport", refusals=(403,))},
    "/topups/{id}/correction": {"post": _op("Correct a wrongly keyed top-up", "manager", answer="WalletChange",
                                            body="Correction", refusals=(402, 409))},
    "/policies": {"get": _op("Stored subsidy policy versions, newest first", "manager", answer="Policies"),
                  "post": _op("Load a policy version from TOML text", "admin", 201, "PolicyLoaded", "PolicyIn",
                              (409,))},
    "/credentials/present": {"post": _op("A scanned card or QR pass: the resident panel and a presentation token "
                                         "(spends a one-time QR code)", "cashier", answer="Presented", body="Present",
                                         refusals=(403, 404))},
    "/credentials/identity-check": {"post": _op("No card or pass: the signed-in cashier checked the resident's ID "
                                                "card; the panel and a presentation that only this cashier settles "
                                                "with (audited)", "cashier", answer="Presented",
                                                body="IdentityCheck", refusals=(404, 409))},
    "/credentials/pin-check": {"post": _op("No card or pass: the resident the cashier found typed their PIN "
                                           "(5 wrong in 15 minutes per resident, 20 per counter, then a pause); "
                                           "the panel and a presentation (audited)", "cashier", answer="Presented",
                                           body="PinCheck", refusals=(403, 404, 409, 429))},
    "/counter/residents": {"get": {**_op("Residents to check an ID card for: by name, pinyin initials or the last "
                                         "four of the ID or phone number; at most 10, numbers masked", "cashier",
                                         answer="CounterResidents", refusals=(422,)),
                                   "parameters": _query("q", {"type": "string", "maxLength": 40},
                                                        "what the cashier typed; empty finds nobody")}},
    "/ledger/verify": {"get": _op("Check every ledger invariant", "manager", answer="Verification"),
                       "parameters": _query("chain", {"enum": ["0", "1"]},
                                            "1: also recompute the hash chain (docs/chain.md); a full pass")},
    "/menu/today": {"get": {**_op("Today's dishes for a meal period from the published weekly menu, in the order of "
                                  "the set meal; every dish on sale (published: false) when none is published",
                                  TERMINAL, answer="MenuToday", refusals=(422,)),
                            "parameters": _query("meal_period", {"enum": list(MEAL_PERIODS)},
                                                 "default: the meal period being served now")}},
    "/menu/counter": {"get": _op("The counter's dish panel for the meal being served now: the dishes offered by "
                                 "category, favourites, the day's set meal", TERMINAL, answer="CounterMenu")},
    "/menu/counter/version": {"get": _op("The dish panel's version now; an open counter polls it every 30 s and "
                                         "reloads the panel when it changes", TERMINAL, answer="CounterMenuVersion")},
    "/orders": {"get": {**_op("A day's meal orders, of one meal period if asked, with the count booked per period",
                              "cashier", answer="MealOrders", refusals=(422,)),
                        "parameters": _query("day", DAY_PARAM, "default: today") + _query(
                            "meal_period", {"enum": list(MEAL_PERIODS)}, "default: every meal period")},
                "post": _op("Book a meal for a resident (a phone booking), once per idempotency key; moves no money",
                            "cashier", 201, "BookedOrder", "Booking", (404, 409), replays=True)},
    "/orders/{id}/cancel": {"post": _op("Cancel a booked meal until its cut-off", "cashier", answer="MealOrder",
                                        refusals=(409,))},
    "/orders/{id}/quote": {"post": _op("What serving a booked meal now costs, with other dishes in place of the "
                                       "booked ones if given; moves no money", "cashier", answer="Quote",
                                       body="ChangedItems", body_required=False, refusals=(404,))},
    "/orders/{id}/serve": {"post": _op("Serve a booked meal of today (with other dishes in place of the booked ones "
                                       "if given): settle it from the wallet once; a repeat answers the same sale "
                                       "again, whatever its body", "cashier", 201, "ServedOrder",
                                       body="Serving", body_required=False, refusals=(402, 403, 404, 409),
                                       replays=True)},
    "/sales/{id}/receipt.pdf": {"get": {**_op("A sale's receipt as PDF, 80 mm wide unless asked", "cashier",
                                              media=PDF, refusals=(422,)), "parameters": PAPER}},
    "/sales/{id}/print": {"post": {**_op("Print a sale's receipt again on the canteen printer, 58 mm wide unless "
                                         "asked; a printer failure is reported in the body, not as an error",
                                         "cashier", answer="PrintOutcome", body="Reprint", body_required=False),
                                   "parameters": PAPER}},
    "/topups/{id}/receipt.pdf": {"get": {**_op("A top-up's receipt as PDF, 80 mm wide unless asked", "cashier",
                                               media=PDF, refusals=(422,)), "parameters": PAPER}},
}


def _with_path_parameters(paths: dict) -> dict:
    """Declare each {name} in a path as a required path parameter: ids a database holds (else 404), UIDs text."""
    for path, item in paths.items():
        names = re.findall(r"\{(\w+)\}", path)
        item["parameters"] = [{"name": name, "in": "path", "required": True, "schema": ID if name == "id" else UID}
                              for name in names]
        for op in item.values() if names else ():
            if isinstance(op, dict):
                op["responses"].setdefault("404", _refusal(404))
    return paths


DOCUMENT = {
    "openapi": "3.1.0",
    "info": {"title": "Canteen settlement API", "version": "1",
             "description": "Amounts are integer fen. Every call carries `Authorization: Bearer <terminal token>`; "
                            "staff actions (`x-access`: cashier, manager or admin) also need a member of staff "
                            "signed in at the terminal (POST /session). Refusals are `{\"error\": {\"code\", "
                            "\"message\"}}`, the message in the request's language; a method a path does not list "
                            "is refused with 405 and the same body."},
    "servers": [{"url": "/api/v1"}],
    "components": {"schemas": SCHEMAS, "securitySchemes": {"terminal": {"type": "http", "scheme": "bearer"}}},
    "security": [{"terminal": []}],
    "paths": _with_path_parameters(PATHS),
}
