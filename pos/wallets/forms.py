"""The back office's wallet forms (CSRF-protected by Flask-WTF), each text held to its column."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired

from pos.i18n import lazy_term
from pos.input_text import PlainText
from pos.wallets.models import BalanceRefund, TopUp, TopUpCorrection
from vocabulary import PaymentMethod

REQUIRED = _l("is required")
METHODS = [SelectChoice(method, lazy_term(PaymentMethod(method))) for method in ("cash", "wechat", "alipay", "bank")]


class TopUpForm(FlaskForm):
    """Money paid into a wallet: how, how much (yuan), the payment's reference (required unless cash), and the
    key made when the form was shown, so a double-clicked submit tops up once."""

    method = SelectField(_l("Payment method"), choices=METHODS, default="cash",
                         validators=[DataRequired(message=REQUIRED)])
    amount = StringField(_l("Amount"), validators=[DataRequired(message=REQUIRED), PlainText(20)])
    reference = StringField(_l("Payment reference number"), validators=[PlainText(TopUp.reference)])
    idempotency_key = HiddenField()


class CorrectionForm(FlaskForm):
    """A wrong top-up put right: the amount it should have been (yuan), and why."""

    correct_amount = StringField(_l("Correct amount"),
                                 validators=[DataRequired(message=REQUIRED), PlainText(20)])
    reason = StringField(_l("Reason"), validators=[DataRequired(message=REQUIRED),
                                                   PlainText(TopUpCorrection.reason)])


class RefundForm(FlaskForm):
    """A leaver's whole balance paid back: how, and why."""

    method = SelectField(_l("Paid back by"), choices=METHODS, default="cash",
                         validators=[DataRequired(message=REQUIRED)])
    reason = StringField(_l("Reason"), validators=[DataRequired(message=REQUIRED), PlainText(BalanceRefund.reason)])
