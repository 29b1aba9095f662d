"""What a request or a command knows of the running app: its settings, the canteen's day, who acts.

Web modules and commands call these; services take the values they need as arguments.
"""
from __future__ import annotations

from datetime import date

from flask import current_app, request
from flask_login import current_user

from pos.audit import Actor
from pos.clock import local_date, utc_now
from pos.config import Config


def settings() -> Config:
    """The running app's settings."""
    return current_app.extensions["canteen_config"]


def page_actor() -> Actor:
    """Who acts on a page, for the audit log: the member of staff signed in (pages have no terminal)."""
    return Actor(staff_id=current_user.id if current_user.is_authenticated else None)


def canteen_today() -> date:
    """The canteen's current date, in its time zone (near midnight it differs from UTC's)."""
    return local_date(utc_now(), settings().timezone)


def client_address() -> str:
    """The address a request came from (behind a proxy, as CANTEEN_PROXIES trusts it to say)."""
    return request.remote_addr or "unknown"
