"""The resident page's forms (CSRF-protected by Flask-WTF)."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, PasswordField, StringField
from wtforms.validators import DataRequired


class SignInForm(FlaskForm):
    """Card number and PIN."""

    card = StringField(_l("Card number"), validators=[DataRequired()])
    pin = PasswordField(_l("PIN"), validators=[DataRequired()])


class LostCardForm(FlaskForm):
    """Report one of the resident's own cards lost."""

    card_id = HiddenField(validators=[DataRequired()])
