"""What the audit page calls actions, subjects and the keys of before → after, in the page's language.

An action, subject or key not named here shows as stored (its code), so a new one is never hidden.
"""
from __future__ import annotations

from pos.i18n import lazy_text as _l

ACTIONS = {
    "sale.settled": _l("Sale settled"), "sale.voided": _l("Sale voided"),
    "wallet.top_up": _l("Wallet topped up"), "wallet.refund": _l("Balance refunded"),
    "wallet.correction": _l("Top-up corrected"),
    "card.issued": _l("Card issued"), "card.reported_lost": _l("Card reported lost"),
    "card.replaced": _l("Card replaced"), "card.returned": _l("Card returned"), "card.unblocked": _l("Card unblocked"),
    "resident.registered": _l("Resident registered"), "resident.changed": _l("Resident's details changed"),
    "resident.status": _l("Resident's status changed"), "resident.pin_set": _l("Resident's PIN set"),
    "resident.viewed_in_full": _l("Resident shown in full"),
    "resident.identity_checked": _l("ID card checked at the counter (no card shown)"),
    "resident.pin_typed": _l("PIN typed at the counter (no card shown)"),
    "dish.added": _l("Dish added"), "dish.changed": _l("Dish changed"), "dish.price_changed": _l("Dish price changed"),
    "dish.taken_off_sale": _l("Dish taken off sale"), "dish.back_on_sale": _l("Dish back on sale"),
    "staff.created": _l("Staff account added"), "terminal.added": _l("Terminal added"),
    "policy.loaded": _l("Policy version loaded"), "policy.in_use": _l("Policy put in use"),
    "shift.opened": _l("Shift opened"), "shift.closed": _l("Shift closed"), "claim.issued": _l("Claim issued"),
    "order.booked": _l("Meal booked"), "order.cancelled": _l("Meal order cancelled"),
    "order.served": _l("Booked meal served"),
    "alert.raised": _l("Alert raised"), "alert.acknowledged": _l("Alert acknowledged"),
}
# The kinds of action, for the "what" field's suggestions.
PREFIXES = sorted({action.split(".")[0] + "." for action in ACTIONS})
SUBJECTS = {
    "sale": _l("Sale"), "resident": _l("Resident"), "card": _l("Card"), "top_up": _l("Top-up"), "dish": _l("Dish"),
    "staff": _l("Staff"), "terminal": _l("Terminal"), "policy": _l("Policy"), "canteen": _l("Canteen"),
    "shift": _l("Shift"), "claim": _l("Claim"), "meal_order": _l("Meal order"),
    "alert": _l("Alert"),
}
KEYS = {
    "receipt_no": _l("Receipt number"), "resident_id": _l("Resident number"), "total_fen": _l("Total"),
    "subsidy_fen": _l("Subsidy"), "paid_fen": _l("Paid"), "payment_method": _l("Payment"), "voided": _l("Voided"),
    "amount_fen": _l("Amount"), "method": _l("Payment"), "top_up_id": _l("Top-up number"),
    "reference": _l("Payment reference number"), "correct_amount_fen": _l("Correct amount"),
    "balance_fen": _l("Balance"), "deposit_fen": _l("Deposit"), "status": _l("Status"),
    "status_date": _l("Status date"), "name": _l("Name"), "phone": _l("Phone"), "address": _l("Address"),
    "province": _l("Province"), "city": _l("City"), "district": _l("District"), "street": _l("Street"),
    "community": _l("Community"), "categories": _l("Categories"), "price_fen": _l("Price"),
    "username": _l("Username"), "role": _l("Role"), "effective_from": _l("In force from"),
    "policy_id": _l("Policy"), "opening_float_fen": _l("Opening float"), "counted_cash_fen": _l("Counted cash"),
    "expected_cash_fen": _l("Expected cash"), "funder": _l("Funder"), "month": _l("Month"),
    "claimed_fen": _l("Claimed"), "adjustment_fen": _l("Adjustment"),
    "code": _l("Code"), "name_en": _l("English name"), "category": _l("Category"), "active": _l("On sale"),
    "is_delivery_fee": _l("Delivery fee"), "attributes": _l("Planning details"),
    "day": _l("Day"), "meal_period": _l("Meal period"), "channel": _l("How it reaches them"),
    "lines": _l("Dishes and portions"),
    "payable_fen": _l("Expected to pay"), "sale_id": _l("Sale number"), "order_cutoffs": _l("Booking cut-offs"),
    "kind": _l("Kind"), "details": _l("Details"), "acknowledged": _l("Acknowledged"), "note": _l("Note"),
    "not_seen_days": _l("Days before a resident is not seen"),
}
# Stored words in before → after, by key.
VALUES = {
    "status": {"active": _l("active"), "blocked": _l("blocked (lost)"), "returned": _l("returned"),
               "moved_away": _l("moved away"), "deceased": _l("deceased"),
               "booked": _l("booked"), "cancelled": _l("cancelled"), "served": _l("served")},
}
FIELDS = {"who": _l("Who"), "what": _l("What"), "resident": _l("Resident number"), "day": _l("Day"),
          "page": _l("Page")}
