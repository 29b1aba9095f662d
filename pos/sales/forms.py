"""The sale page's forms (CSRF-protected by Flask-WTF)."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired

from pos.input_text import PlainText
from pos.sales.models import SaleVoid


class VoidForm(FlaskForm):
    """Void a sale: the reason is required and kept with the void, at most as long as its column."""

    reason = StringField(_l("Reason for the void"),
                         validators=[DataRequired(message=_l("is required")), PlainText(SaleVoid.reason)])
