"""What the cashier screen needs to start: who is signed in, the meal period, today's menu, its words."""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from flask import url_for
from flask_babel import get_locale
from sqlalchemy.orm import Session

from pos.auth.models import User
from pos.canteens.services import main_canteen, serving_hours
from pos.context import settings
from pos.counter.messages import translated
from pos.errors import CanteenError
from pos.policies.services import version_in_force
from pos.sales.orders import meal_period_at
from pos.sales.voiding import CASHIER_UNDO_WINDOW

# How often an open counter asks whether its dish panel changed (GET /menu/counter/version): a published or
# changed menu, a dish on or off sale, a new price, the next meal period or day.
MENU_POLL_SECONDS = 30


def page_config(session: Session, user: User, now: datetime) -> dict:
    """The JSON the page boots from."""
    config = settings()
    local = now.astimezone(ZoneInfo(config.timezone))
    english = get_locale().language == "en"
    return {
        "locale": "en" if english else "zh-CN",
        "user": {"id": user.id, "name": user.display_name, "role": user.role},
        "meal_period": meal_period_at(serving_hours(session, config.hours), local),
        "menu_poll_ms": MENU_POLL_SECONDS * 1000,
        "funders": funder_names(session, now, english),
        "undo_seconds": int(CASHIER_UNDO_WINDOW.total_seconds()),
        "api": url_for("api.openapi").rsplit("/", 1)[0],
        "login": url_for("auth.login", next=url_for("counter.index")),
        "messages": translated(),
    }


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
