"""The resident page's forms (CSRF-protected by Flask-WTF)."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, PasswordField, StringField
from wtforms.validators import DataRequired, Regexp

from pos.input_text import PlainText

# A card number as printed or typed: a 10-byte UID in hex with separators is 29 characters; room for the rest.
CARD_NUMBER_MAX = 64
PIN_MAX = 6  # a PIN is 4 to 6 digits
PHONE_MAX = 20  # 11 digits, with +86 and spaces


class SignInForm(FlaskForm):
    """Card number and PIN."""

    card = StringField(_l("Card number"), validators=[DataRequired(), PlainText(CARD_NUMBER_MAX)])
    pin = PasswordField(_l("PIN"), validators=[DataRequired(), PlainText(PIN_MAX)])


class FamilySignInForm(FlaskForm):
    """A family member's phone number and PIN (its fields are named family-phone, family-pin)."""

    phone = StringField(_l("Mobile number"), validators=[DataRequired(), PlainText(PHONE_MAX)])
    pin = PasswordField(_l("PIN"), validators=[DataRequired(), PlainText(PIN_MAX)])


class LostCardForm(FlaskForm):
    """Report one of the resident's own cards lost."""

    card_id = HiddenField(validators=[DataRequired(), Regexp(r"[0-9]{1,9}\Z")])  # fits a database integer
