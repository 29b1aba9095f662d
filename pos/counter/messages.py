"""Every text the cashier screen's JavaScript shows, translated on the server and embedded in the page.

Placeholders are {name} (filled in by the script), never %-style, so a translator
can move them freely.
"""
from __future__ import annotations

from flask_babel import gettext

from menu import Allergen
from pos.dishes.details import CATEGORIES, category_label
from pos.errors import N_
from pos.i18n import term, ui_language
from pos.residents.diet import DietaryNeed
from vocabulary import Channel, MealPeriod, PaymentMethod

MESSAGES = {
    # Resident panel
    "waiting": N_("Waiting for a card…"),
    "id_number": N_("ID number"),
    "age_label": N_("Age"),
    "age": N_("{age} years"),
    "balance": N_("Balance"),
    "no_categories": N_("No subsidy category"),
    "allergy": N_("Allergy: {allergen}"),
    "allergen_warning": N_("This resident is allergic to {allergens}; this dish contains {allergens}"),
    "allergen_mark": N_("Contains {allergens}"),
    "subsidy_used": N_("Today's {period} subsidy already used ({amount})"),
    "subsidy_unused": N_("Today's {period} subsidy not used yet"),
    "subsidy_other": N_("Subsidy used today at {periods}"),
    "static_pass": N_("Printed pass: it can be copied. Check that the person is the resident."),
    "list_separator": N_(", "),
    "walk_in": N_("Walk-in customer"),
    "walk_in_note": N_("Full price, no subsidy. How does the customer pay?"),
    "looking_up": N_("Looking up…"),
    "print_failed": N_("Receipt {number} did not print; the sale stands."),
    "print_again": N_("Print again"),
    # The settled sale's receipt on screen
    "receipt_paid": N_("Paid"),
    "receipt_pdf": N_("Show as PDF"),
    "receipt_printed": N_("Receipt {number} printed."),
    # Order panel
    "order_empty": N_("Tap dishes to add them. Type a number first to take several."),
    "total": N_("Total"),
    "payable": N_("To pay"),
    "balance_after": N_("Balance after"),
    "not_enough_short": N_("Not enough balance"),
    "set_meals": N_("Set meals"),
    "dishes": N_("Dishes"),
    "menu_of": N_("{period} menu"),
    "no_dishes": N_("No dishes on sale. A manager adds dishes first."),
    "qty_hint": N_("Quantity {qty}: now tap a dish"),
    "settle": N_("Settle"),
    "settling": N_("Settling…"),
    "paid_by": N_("Paid by {method}"),
    "receipt": N_("Receipt {number}"),
    "sale_done_balance": N_("Balance now {balance}."),
    "next_resident": N_("Ready for the next resident."),
    "remove": N_("Remove"),
    "order_lines": N_("Order lines"),
    # Errors
    "err_unknown_credential": N_("This card or pass is not registered. Ask the resident to see the manager."),
    "err_card_blocked": N_("This card is blocked (reported lost or returned). Ask for the resident's new card."),
    "err_qr_expired": N_("This QR code has expired. Ask the resident to open the code again on the phone."),
    "err_qr_reused": N_("This QR code was already used. Ask the resident to open a new code on the phone."),
    "err_qr_revoked": N_("This printed pass was replaced by a newer one. Ask for the new pass."),
    "err_qr_invalid": N_("This is not a canteen pass. Scan again."),
    "err_not_a_card": N_("This is not a card number or a canteen pass. Scan again."),
    "err_presentation": N_("The scan is too old. Scan the card or pass again."),
    "err_insufficient": N_("Not enough balance: {balance} left, {needed} needed. Top up first, or take fewer dishes."),
    "err_network": N_("Cannot reach the server. Check the network, then press Retry. Nothing is charged twice."),
    "err_server": N_("The server had a problem. Press Retry. Nothing is charged twice."),
    "err_signed_out": N_("You were signed out. Sign in again."),
    "err_terminal": N_("This counter's token is not accepted. A manager must enter it again."),
    "err_forbidden": N_("Only a manager may do this."),
    "err_no_resident": N_("Scan the resident's card first, or choose Walk-in."),
    "err_no_lines": N_("Add at least one dish."),
    "err_amount": N_("Enter an amount in yuan, e.g. 100."),
    "retry": N_("Retry"),
    "top_up_now": N_("Top up"),
    "sign_in": N_("Sign in"),
    "dismiss": N_("Close"),
    # Top-up
    "top_up_title": N_("Top up for {name}"),
    "top_up_amount": N_("Amount received (yuan)"),
    "top_up_method": N_("Paid by"),
    "top_up_reference": N_("Payment reference number (required for WeChat Pay and Alipay)"),
    "top_up_confirm": N_("Did you receive {amount} in cash from {name}? Count it once more."),
    "top_up_confirm_mobile": N_("Did {name} pay {amount} by {method}? Reference number {reference}."),
    "err_top_up_range": N_("Top-up amount must be from {low} yuan to {high} yuan"),
    "err_reference_needed": N_("Enter the payment reference number: WeChat Pay and Alipay top-ups need it."),
    "err_reference_long": N_("The payment reference number has at most {n} characters."),
    "top_up_yes": N_("Yes, received"),
    "top_up_done": N_("Topped up {amount}. Balance now {balance}."),
    "next": N_("Next"),
    "back": N_("Back"),
    "cancel": N_("Cancel"),
    # Undo
    "undo": N_("Undo last sale"),
    "undo_title": N_("Undo sale {receipt}"),
    "undo_reason": N_("Why? (required)"),
    "undo_reasons": N_("Wrong dish|Wrong resident|Resident changed their mind|Charged twice"),
    "undo_confirm": N_("Undo the sale"),
    "undo_done": N_("Sale {receipt} undone. Balance now {balance}."),
    "undo_done_walk_in": N_("Sale {receipt} undone. Give back {paid}."),
    "undo_manager_only": N_("More than 2 minutes ago: a manager must undo it"),
    # The presented card and the resident page's PIN
    "card_number": N_("Card number"),
    "card_lost": N_("Report lost"),
    "card_replace": N_("Replace card"),
    "pin_set": N_("Set PIN"),
    "lost_title": N_("Report card {uid} lost"),
    "lost_confirm": N_("Block card {uid} of {name} now? It cannot pay until a manager unblocks it."),
    "lost_yes": N_("Yes, block the card"),
    "lost_done": N_("Card {uid} is blocked. Give the resident a new card with Replace card."),
    "replace_title": N_("New card for {name}"),
    "replace_note": N_("Card {uid} will be blocked. The balance and the deposit move to the new card."),
    "replace_uid": N_("New card: tap it on the reader, or type its number and press Enter"),
    "replace_yes": N_("Issue the new card"),
    "replace_done": N_("New card {uid} is ready for {name}; the old card is blocked. Balance {balance}."),
    "pin_title": N_("Set the PIN of {name}"),
    "pin_help": N_("For the resident page /me: the resident signs in with the card number and this PIN."),
    "pin_first": N_("New PIN (4 to 6 digits)"),
    "pin_second": N_("The same PIN again"),
    "pin_save": N_("Save PIN"),
    "pin_done": N_("PIN set for {name}. They can sign in at /me with the card number and this PIN."),
    "err_pin_digits": N_("The PIN must be 4 to 6 digits."),
    "err_pin_mismatch": N_("The two PINs are not the same. Type them again."),
    "err_new_card": N_("That is not a new card number. Tap the new card on the reader or type its number."),
    "err_card_taken": N_("This card already belongs to a resident. Use a blank card."),
    "err_card_replaced": N_("This card was already replaced by a new one."),
    "err_card_already_blocked": N_("This card is already blocked."),
    "err_card_returned": N_("This card was returned to the canteen."),
    # A resident without card: found by the ID card they show (search.js), and lost cards
    "search_title": N_("Find a resident who has no card"),
    "search_label": N_("Name, pinyin initials (e.g. zgl), or the last 4 digits of the ID or phone number"),
    "search_none": N_("Nobody found. Check what you typed, or search by the ID card's last 4 digits."),
    "search_more": N_("{total} found, the first {shown} shown: type more to narrow it."),
    "search_not_here": N_("moved away or deceased: cannot settle"),
    "search_pick": N_("↑ ↓ to choose, Enter to take"),
    "phone_label": N_("Phone"),
    "identity_title": N_("Check the ID card of {name}"),
    "identity_compare": N_("Compare the ID card with: {name}, ID number {id_number}, {age} years. "
                           "Is the photo the person in front of you?"),
    "identity_yes": N_("ID card checked, it is them"),
    "identity_checked": N_("No card shown · ID card checked"),
    "identity_check": N_("Check ID card"),
    # Someone else collects the meal for the resident (代领)
    "proxy": N_("Collected by someone else"),
    "proxy_clear": N_("The resident is here"),
    "proxy_title": N_("Who collects the meal for {name}?"),
    "proxy_name_label": N_("Their name"),
    "proxy_confirm": N_("Collected by them"),
    "proxy_mark": N_("Collected for the resident by {proxy}"),
    "err_proxy_name": N_("Type the name of who collects the meal."),
    "card_lost_short": N_("Card {uid} reported lost: it cannot pay"),
    "card_replaced_short": N_("Card {uid} was replaced by a newer card: it cannot pay"),
    "card_lost_alert": N_("Card {uid} of {name} was reported lost: it cannot pay. "
                          "Give a new card with Replace card, or check the ID card to settle."),
    "card_replaced_alert": N_("Card {uid} of {name} was replaced by a newer card: it cannot pay. "
                              "Ask for the new card, or check the ID card to settle."),
    "card_lost_note": N_("Card {uid} is reported lost: Replace card gives a new one."),
    "err_card_lost_settle": N_("A lost card cannot pay. Replace the card, or check the ID card first."),
    "issue_note": N_("{name} has no card. The new card will be theirs."),
    # Shifts
    "shift_none": N_("No shift open"),
    "shift_since": N_("Shift open since {time}"),
    "shift_open_title": N_("Open a shift"),
    "shift_float": N_("Cash float counted in the drawer (yuan)"),
    "shift_open": N_("Open shift"),
    "shift_close_title": N_("Close the shift"),
    "shift_counted": N_("Cash counted in the drawer now (yuan)"),
    "shift_close": N_("Close shift"),
    "shift_report": N_("Shift report"),
    "shift_meals": N_("Meals"),
    "shift_subsidised": N_("Subsidised meals"),
    "shift_voided": N_("Undone sales"),
    "shift_wallet": N_("Wallet takings"),
    "shift_cash": N_("Cash takings"),
    "shift_cash_sales": N_("cash sales {sales}, cash top-ups {top_ups}"),
    "shift_mobile": N_("Mobile payments"),
    "shift_float_label": N_("Cash float"),
    "shift_expected": N_("Expected cash"),
    "shift_counted_label": N_("Counted cash"),
    "shift_difference": N_("Difference"),
    "shift_closed": N_("Shift closed."),
    "shift_needed": N_("Open a shift before taking cash."),
    "shift_first": N_("No shift is open. Count the cash float and open a shift; then press Enter to settle."),
    "err_float_range": N_("Cash float must be from {low} yuan to {high} yuan"),
    "err_counted_range": N_("Counted cash must be from {low} yuan to {high} yuan"),
    # Terminal set-up and the card reader
    "token_title": N_("Set up this counter"),
    "token_help": N_("A manager pastes this counter's token, printed by: canteen terminals add NAME"),
    "token_save": N_("Save"),
    "reader_online": N_("Card reader ready"),
    "reader_offline": N_("Card reader not connected"),
    "reader_unavailable": N_("Card reader service not running"),
    "card_error": N_("The card could not be read. Hold it on the reader again."),
    # The dish panel (the categories' names are cat_<category>)
    "favourites": N_("Often taken here"),
    "set_meal_today": N_("Today's set meal"),
    "set_meal_dishes": N_("{count} dishes, one tap"),
    "dish_matches": N_("Dishes found"),
    "no_dish_match": N_("No dish matches “{text}”. Enter reads it as a card."),
    # Another resident presented while the order has dishes
    "other_resident_title": N_("Another resident: {name}"),
    "other_resident_note": N_("The order has dishes taken while {previous} was shown. Who are they for?"),
    "other_resident_keep": N_("Keep the dishes for {name}"),
    "other_resident_new": N_("Start a new order for {name}"),
    # A meal booked ahead (预约), served at the counter
    "booked": N_("Booked: {meal}, {channel}. Enter serves it; change the dishes if they ask."),
    "book_title": N_("Book a meal for {name}"),
    "book_note": N_("The day's set meal. It is paid from the wallet when it is served; it can be cancelled "
                    "until the cut-off."),
    "book_day": N_("Day"),
    "book_day_0": N_("Today {date}"),
    "book_day_1": N_("Tomorrow {date}"),
    "book_day_2": N_("Day after {date}"),
    "book_meal": N_("Meal"),
    "book_channel": N_("How it reaches them"),
    "book_confirm": N_("Book"),
    "booked_done": N_("{name}: {meal} on {date} booked ({channel}), about {payable} to pay when served."),
}


def translated() -> dict[str, str]:
    """The messages in the request's language, with the meal periods, payment methods and channels by their values,
    the dietary needs and allergens as diet_<code> and allergen_<code>, the dish categories as cat_<code>."""
    words = {word.value: term(word) for word in (*MealPeriod, *PaymentMethod, *Channel)}
    language = ui_language()
    needs = {f"diet_{need.value}": need.label(language) for need in DietaryNeed} | {
        f"allergen_{allergen.value}": allergen.label(language) for allergen in Allergen}
    categories = {f"cat_{code}": category_label(code, language) for code in CATEGORIES}
    return {key: gettext(text) for key, text in MESSAGES.items()} | words | needs | categories
