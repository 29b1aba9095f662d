"""What a request or a command knows of the running app: its settings and the canteen's day.

Web modules and commands call these; services take the values they need as arguments.
"""
from __future__ import annotations

from datetime import date

from flask import current_app

from pos.clock import local_date, utc_now
from pos.config import Config


def settings() -> Config:
    """The running app's settings."""
    return current_app.extensions["canteen_config"]


def canteen_today() -> date:
    """The canteen's current date, in its time zone (near midnight it differs from UTC's)."""
    return local_date(utc_now(), settings().timezone)
