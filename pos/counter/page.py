"""What the cashier screen needs to start: who is signed in, the meal period, today's menu, its words."""
from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask import url_for
from flask_babel import get_locale
from sqlalchemy.orm import Session

from pos.auth.models import User
from pos.canteens.services import main_canteen, serving_hours
from pos.context import settings
from pos.counter.messages import translated
from pos.errors import CanteenError
from pos.input_text import column_length
from pos.menus.published import published_slots
from pos.policies.services import version_in_force
from pos.sales.orders import meal_period_at
from pos.sales.voiding import CASHIER_UNDO_WINDOW
from pos.shifts.services import MAX_CASH_FEN
from pos.wallets.models import TopUp
from pos.wallets.services import MAX_TOP_UP_FEN, MIN_TOP_UP_FEN
from vocabulary import MEAL_PERIODS

# Dishes in these categories are set meals (套餐): shown first, in their own row.
SET_MEAL_CATEGORIES = ("set", "set_meal")

# What the dialogs check before sending, so the cashier hears a limit in yuan before confirming anything; the
# API refuses the same (its services own these numbers).
LIMITS = {"top_up_min_fen": MIN_TOP_UP_FEN, "top_up_max_fen": MAX_TOP_UP_FEN, "cash_max_fen": MAX_CASH_FEN,
          "reference_max_chars": column_length(TopUp.reference)}


def page_config(session: Session, user: User, now: datetime) -> dict:
    """The JSON the page boots from."""
    config = settings()
    local = now.astimezone(ZoneInfo(config.timezone))
    english = get_locale().language == "en"
    return {
        "locale": "en" if english else "zh-CN",
        "user": {"id": user.id, "name": user.display_name, "role": user.role},
        "meal_period": meal_period_at(serving_hours(session, config.hours), local),
        "menu": published_menu(session, local.date()),
        "set_meal_categories": list(SET_MEAL_CATEGORIES),
        "funders": funder_names(session, now, english),
        "undo_seconds": int(CASHIER_UNDO_WINDOW.total_seconds()),
        "limits": LIMITS,
        "api": url_for("api.openapi").rsplit("/", 1)[0],
        "login": url_for("auth.login", next=url_for("counter.index")),
        "messages": translated(),
    }


def published_menu(session: Session, day: date) -> dict[str, list[int]]:
    """Today's dishes per meal period from the published weekly menu, in serving order; empty until published."""
    menu = {period: [dish.id for _slot, dish in published_slots(session, day, period)] for period in MEAL_PERIODS}
    return {period: dishes for period, dishes in menu.items() if dishes}


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
