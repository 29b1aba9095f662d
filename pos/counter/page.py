"""What the cashier screen needs to start: who is signed in, the meal period, today's menu, its words."""
from __future__ import annotations

from datetime import datetime
from ipaddress import ip_address
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from flask import request, url_for
from flask_babel import get_locale
from sqlalchemy.orm import Session

from pos.auth.models import User
from pos.canteens.services import main_canteen, sale_needs_shift, serving_hours
from pos.context import settings
from pos.counter.messages import translated
from pos.errors import CanteenError
from pos.input_text import column_length
from pos.policies.services import version_in_force
from pos.printing.api import desk
from pos.sales.orders import meal_period_at
from pos.sales.voiding import CASHIER_UNDO_WINDOW
from pos.shifts.services import MAX_CASH_FEN
from pos.wallets.models import TopUp
from pos.wallets.services import MAX_TOP_UP_FEN, MIN_TOP_UP_FEN
from vocabulary import MEAL_PERIODS

# How often an open counter asks whether its dish panel changed (GET /menu/counter/version): a published or
# changed menu, a dish on or off sale, a new price, the next meal period or day.
MENU_POLL_SECONDS = 30
RECEIPT_PDF_SALE = 2_147_483_647  # stands for the sale id in the receipt PDF's URL, which the page fills in

# What the dialogs check before sending, so the cashier hears a limit in yuan before confirming anything; the
# API refuses the same (its services own these numbers).
LIMITS = {"top_up_min_fen": MIN_TOP_UP_FEN, "top_up_max_fen": MAX_TOP_UP_FEN, "cash_max_fen": MAX_CASH_FEN,
          "reference_max_chars": column_length(TopUp.reference)}


def page_config(session: Session, user: User, now: datetime) -> dict:
    """The JSON the page boots from."""
    config = settings()
    local = now.astimezone(ZoneInfo(config.timezone))
    hours = serving_hours(session, config.hours)
    english = get_locale().language == "en"
    return {
        "locale": "en" if english else "zh-CN",
        "user": {"id": user.id, "name": user.display_name, "role": user.role},
        "meal_period": meal_period_at(hours, local),
        "today": local.date().isoformat(),  # the canteen's day, for booking ahead (bookmeal.js)
        "served_periods": [period for period in MEAL_PERIODS if period in hours],
        "menu_poll_ms": MENU_POLL_SECONDS * 1000,
        "funders": funder_names(session, now, english),
        "undo_seconds": int(CASHIER_UNDO_WINDOW.total_seconds()),
        "sale_needs_shift": sale_needs_shift(session),  # Enter then asks for a shift first, as the server will
        "limits": LIMITS,
        "api": url_for("api.openapi").rsplit("/", 1)[0],
        "login": url_for("auth.login", next=url_for("counter.index")),
        "messages": translated(),
        **receipt_setup(session, request.host),
    }


def receipt_setup(session: Session, host: str) -> dict:
    """How this counter's receipts go out: whether a printer is set up, the staff route of a sale's receipt PDF
    (the cookie is enough, no terminal token), and whether the receipts' QR codes would point at this loopback
    address because no public address is set (no phone can open it)."""
    canteen = main_canteen(session)
    public = bool(canteen and canteen.public_base_url)
    pdf = url_for("receipt_check.sale_receipt_pdf", sale_id=RECEIPT_PDF_SALE)
    return {"printer": desk().printer is not None,
            "receipt_pdf": pdf.replace(str(RECEIPT_PDF_SALE), "{id}"),
            "receipt_qr_unreachable": not public and loopback(host)}


def loopback(host: str) -> bool:
    """Whether a request's Host (name or address, with or without its port) is this machine's own loopback."""
    name = urlsplit(f"//{host}").hostname or ""
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ip_address(name).is_loopback
    except ValueError:
        return False


def funder_names(session: Session, now: datetime, english: bool) -> dict[str, str]:
    """The policy's funders by id, so subsidy lines name who pays."""
    canteen = main_canteen(session)
    if canteen is None or canteen.policy_id is None:
        return {}
    try:
        policy = version_in_force(session, canteen.policy_id, now)
    except CanteenError:
        return {}
    return {f.id: f.name_en if english else f.name_zh for f in policy.funders}
