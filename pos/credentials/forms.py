"""The back office's card forms (CSRF-protected by Flask-WTF)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField
from wtforms.validators import DataRequired

from pos.input_text import PlainText

CARD_NUMBER_MAX = 32  # a UID in any form a reader types: hex with separators, or ten decimal digits
YUAN_MAX = 12


def method_choices() -> list[tuple[str, str]]:
    """How a deposit is paid or refunded, in the request's language."""
    return [("cash", _l("Cash")), ("wechat", _l("WeChat Pay")), ("alipay", _l("Alipay")),
            ("bank", _l("Bank transfer"))]


class IssueForm(FlaskForm):
    """A new card for a resident: its number (scanned or typed), an optional deposit and how it was paid."""

    deposit = StringField(_l("Deposit (yuan)"), validators=[PlainText(YUAN_MAX)])
    method = SelectField(_l("Paid by"), choices=method_choices, default="cash")
    uid = StringField(_l("Card number"), validators=[DataRequired(), PlainText(CARD_NUMBER_MAX)])


class ReplaceForm(FlaskForm):
    """The new card given in place of a lost one."""

    new_uid = StringField(_l("New card number"), validators=[DataRequired(), PlainText(CARD_NUMBER_MAX)])


class ReturnForm(FlaskForm):
    """A card handed back: how its deposit is refunded."""

    method = SelectField(_l("Refund by"), choices=method_choices, default="cash")


class ActionForm(FlaskForm):
    """A button that changes a card (report lost, unblock): its CSRF token only."""
