"""The login form (CSRF-protected by Flask-WTF)."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired

from pos.auth.models import User
from pos.input_text import PlainText

PASSWORD_MAX = 128  # far more than anyone types; it only keeps a pasted essay from being hashed


class LoginForm(FlaskForm):
    """Username and password."""

    username = StringField(_l("Username"), validators=[DataRequired(), PlainText(User.username)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), PlainText(PASSWORD_MAX)])
