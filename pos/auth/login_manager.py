"""Flask-Login wiring: load the signed-in user for each request."""
from __future__ import annotations

from flask import Flask
from flask_login import LoginManager

from pos.auth.models import User
from pos.db import read_session

login_manager = LoginManager()
login_manager.login_view = "auth.login"


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    """The active user with this id."""
    user = read_session().get(User, int(user_id))
    return user if user is not None and user.active else None


def init_app(app: Flask) -> None:
    """Install the login manager."""
    login_manager.init_app(app)
