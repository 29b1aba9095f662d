"""The back office's family forms on the resident's page (CSRF-protected by Flask-WTF)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, Optional

from pos.family.models import FamilyLink, FamilyMember
from pos.input_text import PlainText

REQUIRED = _l("is required")
PIN_MAX = 6


class FamilyForm(FlaskForm):
    """A family member to link: name, mobile number, relationship, and a PIN (optional for a known number)."""

    name = StringField(_l("Full name"), validators=[DataRequired(message=REQUIRED), PlainText(FamilyMember.name)])
    phone = StringField(_l("Mobile number"), validators=[DataRequired(message=REQUIRED), PlainText(20)])
    relationship = StringField(_l("Relationship"), validators=[DataRequired(message=REQUIRED),
                                                               PlainText(FamilyLink.relationship)])
    pin = PasswordField(_l("PIN"), validators=[Optional(), PlainText(PIN_MAX)])


class FamilyPinForm(FlaskForm):
    """A new PIN for a family member."""

    pin = PasswordField(_l("New PIN"), validators=[DataRequired(message=REQUIRED), PlainText(PIN_MAX)])
